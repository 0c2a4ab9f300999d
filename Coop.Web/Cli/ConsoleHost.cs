using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Coop.Web.Cli;

/// <summary>Serves the console: prepares the database, seeds the demo on a first SQLite start, then runs.</summary>
internal static class ConsoleHost
{
    public static async Task<int> ServeAsync(WebApplication app)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Coop.Startup");
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        string? demoMessage = null;

        if (database.ShouldMigrateOnStart)
        {
            var outcome = await migrator.MigrateAsync();
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
            if (outcome.WasNewDatabase && demo.SeedOnFirstRun && database.Provider == DatabaseProvider.Sqlite)
            {
                demoMessage = await SeedDemoAsync(app, database);
            }
        }
        else if ((await migrator.PendingAsync()) is { Count: > 0 } pending)
        {
            logger.LogCritical(
                "The {Provider} database lacks {Count} migration(s). Run `Coop.Web migrate` (or apply deploy/sql) before starting.",
                database.Provider, pending.Count);
            return 3;
        }

        demoMessage ??= ExistingDemoHint(app, database);
        var firstRun = app.Services.GetRequiredService<FirstRunState>();
        if (!await firstRun.IsSetUpAsync())
        {
            demoMessage = $"First run: open /setup in the browser and enter the setup code {firstRun.SetupCode} "
                + "(or create the admin with the create-admin verb).";
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, demoMessage));
        await app.RunAsync();
        return 0;
    }

    private static async Task<string> SeedDemoAsync(WebApplication app, DatabaseOptions database)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ICommandHandler<SeedDemoCommand, SeedDemoResult>>();
        var result = await handler.HandleAsync(new SeedDemoCommand(null));
        await DemoBanner.SaveCredentialsAsync(app, database, result);
        return DemoBanner.Describe(result);
    }

    private static string? ExistingDemoHint(WebApplication app, DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = DemoBanner.CredentialsFile(app, database);
        return File.Exists(file) ? $"Demo accounts (admin@demo.coop and others) are listed with their password in {file}" : null;
    }

    private static void PrintBanner(WebApplication app, string? demoMessage)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string> { string.Empty, "  Coop for .NET is running." };
        lines.AddRange(addresses.Select(a => $"  Open {a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)} in a browser."));
        lines.Add(demoMessage is null
            ? "  Sign in with your account; on a new database the console first asks you to create the admin."
            : "  " + demoMessage.Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal));
        lines.Add(string.Empty);
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
