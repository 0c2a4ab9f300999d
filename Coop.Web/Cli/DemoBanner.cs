using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Administration;
using Microsoft.Data.Sqlite;

namespace Coop.Web.Cli;

/// <summary>What to tell a person about the demo accounts.</summary>
internal static class DemoBanner
{
    public static string Describe(SeedDemoResult result)
    {
        if (!result.Created)
        {
            return $"The demo organization '{result.OrganizationName}' already exists; nothing was changed.";
        }

        var lines = new List<string> { $"Created the demo organization '{result.OrganizationName}' with these accounts:" };
        lines.AddRange(result.Accounts.Select(a => $"  {a.Email,-24} {a.RoleKey}"));
        lines.Add($"Password for every demo account: {result.Password}");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The demo credentials live beside the SQLite database file, readable by its owner only.</summary>
    public static string CredentialsFile(WebApplication app, DatabaseOptions database)
    {
        var connection = new SqliteConnectionStringBuilder(DatabaseSetup.ResolveSqliteConnectionString(database, app.Environment.ContentRootPath));
        var directory = Path.GetDirectoryName(Path.GetFullPath(connection.DataSource, app.Environment.ContentRootPath)) ?? app.Environment.ContentRootPath;
        return Path.Combine(directory, "demo-credentials.txt");
    }

    /// <summary>Keeps the demo password where a person can find it again (SQLite only; server databases print it once).</summary>
    public static async Task SaveCredentialsAsync(WebApplication app, DatabaseOptions database, SeedDemoResult result)
    {
        if (!result.Created || database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var file = CredentialsFile(app, database);
        await File.WriteAllTextAsync(file, Describe(result) + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
