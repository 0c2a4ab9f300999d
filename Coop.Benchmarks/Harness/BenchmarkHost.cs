using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Harness;

/// <summary>The console, hosted in this process exactly as it runs (Production settings, real database, real background services).</summary>
public sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    private readonly string? ownedDirectory;
    private readonly Dictionary<string, string?> settings = new()
    {
        ["Demo:SeedOnFirstRun"] = "false",
        ["Database:MigrateOnStart"] = "true",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Logging:LogLevel:Default"] = "Warning",

        // Every simulated reviewer signs in from the same loopback address: S4 signs in 100 of them within a minute.
        ["RateLimiting:SignInPermitLimit"] = "0",
    };

    private readonly Action<IServiceCollection>? configureServices;

    /// <param name="options">The run's options.</param>
    /// <param name="extra">The scenario's own settings.</param>
    /// <param name="configureServices">Benchmark-only services (e.g. S3's reference hub, S4's circuit retention); never part of the product.</param>
    public BenchmarkHost(BenchmarkOptions options, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? configureServices = null)
    {
        this.configureServices = configureServices;
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == "sqlite")
        {
            ownedDirectory = Path.Combine(Path.GetTempPath(), "coop-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(ownedDirectory);
            settings["Database:Provider"] = nameof(DatabaseProvider.Sqlite);
            settings["Database:ConnectionString"] = $"Data Source={Path.Combine(ownedDirectory, "coop.db")}";
        }
        else
        {
            settings["Database:Provider"] = options.Provider == "postgres" ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.SqlServer);
            settings["Database:ConnectionString"] = options.Connection;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Settings given on the command line win over the scenario's own.
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");

        // The pages' scripts and styles from the build output (as Coop.Tests does; a published install serves them from wwwroot):
        // S3 and S4 open real circuits in a browser.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (ownedDirectory is not null && Directory.Exists(ownedDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(ownedDirectory, recursive: true);
        }
    }
}
