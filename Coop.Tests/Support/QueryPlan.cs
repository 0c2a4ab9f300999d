using System.Text;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Support;

/// <summary>Asks the database how it would run a LINQ query (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL <c>EXPLAIN</c>), with the query's real parameters.</summary>
public static class QueryPlan
{
    public static async Task<string> ExplainAsync<T>(CoopDbContext db, DatabaseProvider provider, IQueryable<T> query)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync();
        if (provider == DatabaseProvider.Postgres)
        {
            // On a tiny test table a sequential scan is always cheapest; forbid it to see which index the query can use.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }

        await using var command = query.CreateDbCommand();
        command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new StringBuilder();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetValue(reader.FieldCount - 1)?.ToString());
        }

        return plan.ToString();
    }
}
