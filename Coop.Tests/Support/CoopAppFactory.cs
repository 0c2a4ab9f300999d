using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>
/// The real app on a temporary SQLite database (or another provider's <see cref="TestDatabase"/>),
/// in the Testing environment, with demo seeding off so first-run setup is reachable.
/// Call <see cref="StartOnRealPort"/> for browser tests.
/// </summary>
public sealed class CoopAppFactory : WebApplicationFactory<Program>
{
    private readonly string? ownedDirectory;

    public CoopAppFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (settings is null || !settings.ContainsKey("Database:ConnectionString"))
        {
            ownedDirectory = TestSettings.NewTempDirectory();
            Settings["Database:Provider"] = nameof(DatabaseProvider.Sqlite);
            Settings["Database:ConnectionString"] = $"Data Source={Path.Combine(ownedDirectory, "coop.db")};Pooling=False";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Demo:SeedOnFirstRun"] = "false",
        ["Database:MigrateOnStart"] = "true",
    };

    /// <summary>Service registrations applied after the app's own (test doubles for parts other helpers build, e.g. a rule spot tester).</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>Serves on Kestrel at a free loopback port, and returns the base address.</summary>
    public Uri StartOnRealPort()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <summary>Runs <paramref name="action"/> with services from a fresh scope of the running app.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Outside Development, static web assets (MudBlazor's, the framework's) are served only when asked for.
        builder.UseStaticWebAssets();
        builder.ConfigureServices(services => TestServices.ForEach(configure => configure(services)));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownedDirectory is not null && Directory.Exists(ownedDirectory))
        {
            Directory.Delete(ownedDirectory, recursive: true);
        }
    }
}
