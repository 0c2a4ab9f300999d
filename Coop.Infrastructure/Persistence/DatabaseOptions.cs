using System.ComponentModel.DataAnnotations;

namespace Coop.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. Optional for SQLite (defaults to <c>data/coop.db</c> under the content root);
    /// required for SQL Server and PostgreSQL. <c>ConnectionStrings:Coop</c> is read when this is empty.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file lives when no connection string is given, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start. Defaults to on for SQLite and off for server databases.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"Database:Provider is {Provider}, which needs a connection string: set Database:ConnectionString or ConnectionStrings:Coop.",
                [nameof(ConnectionString)]);
        }
    }
}
