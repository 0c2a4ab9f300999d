namespace Coop.Infrastructure.Persistence;

/// <summary>The database engines Coop runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, zero configuration: a file under <c>./data/</c>. The default.</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server (production).</summary>
    SqlServer,

    /// <summary>PostgreSQL (production).</summary>
    Postgres,
}
