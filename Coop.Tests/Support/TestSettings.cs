namespace Coop.Tests.Support;

/// <summary>What the test script provides through the environment.</summary>
public static class TestSettings
{
    /// <summary>An admin connection string to a PostgreSQL server (test.sh starts one on loopback).</summary>
    public static string? Postgres => Environment.GetEnvironmentVariable("COOP_TEST_POSTGRES");

    /// <summary>An admin connection string to a SQL Server; optional, rows for it are skipped without it.</summary>
    public static string? SqlServer => Environment.GetEnvironmentVariable("COOP_TEST_SQLSERVER");

    /// <summary>A Redis server (test.sh starts one on loopback), StackExchange.Redis format.</summary>
    public static string? Redis => Environment.GetEnvironmentVariable("COOP_TEST_REDIS");

    public static string Chromium => Environment.GetEnvironmentVariable("COOP_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where tests write screenshots and traces.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("COOP_TEST_ARTIFACTS") is { Length: > 0 } d
                ? d
                : Path.Combine(Path.GetTempPath(), "coop-test-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
