using System.Data.Common;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coop.Benchmarks.Harness;

/// <summary>
/// Seeds large tables fast: domain objects (built by their own factories) written by one prepared ADO.NET INSERT per table, in
/// large transactions. Columns, names and value conversions come from the EF model, so rows are exactly what EF would write;
/// store-generated integer keys are left to the database. Foreign keys are not checked while seeding (SQLite).
/// </summary>
public sealed class BulkInserter : IAsyncDisposable
{
    private readonly CoopDbContext db;
    private readonly DbConnection connection;
    private readonly bool sqlite;
    private readonly Dictionary<Type, Table> tables = [];
    private DbTransaction? transaction;

    private BulkInserter(CoopDbContext db, DbConnection connection, bool sqlite)
    {
        this.db = db;
        this.connection = connection;
        this.sqlite = sqlite;
    }

    public static async Task<BulkInserter> OpenAsync(IDbContextFactory<CoopDbContext> factory, CancellationToken cancellationToken) =>
        await OpenAsync(factory, seeding: true, cancellationToken);

    /// <summary>Opens an inserter; with <paramref name="seeding"/> false, SQLite keeps checking foreign keys (a raw reference path, not a seed).</summary>
    public static async Task<BulkInserter> OpenAsync(IDbContextFactory<CoopDbContext> factory, bool seeding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var inserter = new BulkInserter(db, connection, sqlite && seeding);
        if (sqlite && seeding)
        {
            await inserter.ExecuteAsync("PRAGMA foreign_keys=OFF;", cancellationToken);
        }

        return inserter;
    }

    /// <summary>Starts a transaction that the following inserts join (commit with <see cref="CommitAsync"/>).</summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables.Values)
        {
            table.Command.Transaction = transaction;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
            transaction = null;
        }
    }

    /// <summary>Inserts the rows (in the current transaction, if any); returns how many.</summary>
    public async Task<int> InsertAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = TableFor(typeof(T));
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Properties.Length; i++)
            {
                var value = table.Getters[i](row);
                if (value is not null && table.Converters[i] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                table.Command.Parameters[i].Value = value ?? DBNull.Value;
            }

            await table.Command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>Runs one statement on the inserter's connection, in the current transaction if any; returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        foreach (var table in tables.Values)
        {
            await table.Command.DisposeAsync();
        }

        if (sqlite)
        {
            await ExecuteAsync("PRAGMA foreign_keys=ON;", CancellationToken.None);
        }

        await db.Database.CloseConnectionAsync();
        await db.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Table TableFor(Type type)
    {
        if (tables.TryGetValue(type, out var existing))
        {
            return existing;
        }

        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
        var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var helper = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .ToArray();
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {helper.DelimitIdentifier(name, entityType.GetSchema())} " +
            $"({string.Join(", ", properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(store)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        command.Transaction = transaction;
        for (var i = 0; i < properties.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        var getters = properties.Select(Getter).ToArray();
        var table = new Table(command, properties, getters, [.. properties.Select(p => p.GetTypeMapping().Converter)]);
        tables[type] = table;
        return table;
    }

    private static Func<object, object?> Getter(IProperty property)
    {
        if (property.PropertyInfo is { } info)
        {
            return info.GetValue;
        }

        if (property.FieldInfo is { } field)
        {
            return field.GetValue;
        }

        throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; the bulk inserter cannot fill it.");
    }

    private sealed record Table(
        DbCommand Command, IProperty[] Properties, Func<object, object?>[] Getters, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] Converters);
}
