using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>
/// The tables of the EF model (entities, owned collections, Identity, Data Protection keys, audit chain), principals
/// before dependents, with the columns a row is moved by (computed columns left out). Tables outside the model
/// (the migrations history, job-store tables Quartz re-creates) are not part of a transfer.
/// </summary>
internal static class TransferTables
{
    public static IReadOnlyList<ITable> InDependencyOrder(DbContext db)
    {
        // The design-time model: the runtime one leaves out what migrations need (exclusions, computed columns, seed data).
        var model = db.GetService<IDesignTimeModel>().Model;
        var tables = model.GetRelationalModel().Tables.Where(t => !t.IsExcludedFromMigrations).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var state = new Dictionary<ITable, bool>();
        foreach (var table in tables)
        {
            Visit(table, state, ordered, []);
        }

        return ordered;
    }

    public static IReadOnlyList<IColumn> Columns(ITable table) =>
        [.. table.Columns.Where(c => c.ComputedColumnSql is null).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The columns of the table's foreign keys to itself (a policy's parent), whose rows must go parents first.</summary>
    public static IReadOnlyList<(IReadOnlyList<string> Columns, IReadOnlyList<string> Principal)> SelfReferences(ITable table) =>
        [.. table.ForeignKeyConstraints.Where(f => f.PrincipalTable == table)
            .Select(f => ((IReadOnlyList<string>)[.. f.Columns.Select(c => c.Name)], (IReadOnlyList<string>)[.. f.PrincipalColumns.Select(c => c.Name)]))];

    private static void Visit(ITable table, Dictionary<ITable, bool> state, List<ITable> ordered, Stack<string> path)
    {
        if (state.TryGetValue(table, out var done))
        {
            if (!done)
            {
                throw new InvalidOperationException($"The tables {string.Join(" -> ", path.Reverse())} -> {table.Name} reference each other in a cycle; a transfer cannot order them.");
            }

            return;
        }

        state[table] = false;
        path.Push(table.Name);
        foreach (var principal in table.ForeignKeyConstraints.Select(f => f.PrincipalTable).Where(p => p != table).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Visit(principal, state, ordered, path);
        }

        path.Pop();
        state[table] = true;
        ordered.Add(table);
    }
}
