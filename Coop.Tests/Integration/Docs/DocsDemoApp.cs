using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Unit.Architecture;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Docs;

/// <summary>
/// The app the documentation's examples are written against: a fresh SQLite database with the demo organization
/// (<c>seed-demo</c>: its item types, policies, actions and reports) and a platform API key for it.
/// Shared by a test class, so the demo is seeded once.
/// </summary>
public sealed class DocsDemoApp : IAsyncLifetime
{
    public static readonly string Root = LayeringTests.RepositoryRoot();

    public CoopAppFactory App { get; } = CreateApp();

    public PlatformClient Client { get; private set; } = null!;

    public string OrganizationId { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        await App.WithScopeAsync(s => s.GetRequiredService<ICommandHandler<SeedDemoCommand, SeedDemoResult>>()
            .HandleAsync(new SeedDemoCommand("docs demo password 1234")));
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync())
        {
            OrganizationId = await db.Organizations.Where(o => o.Name == SeedDemoHandler.OrganizationName).Select(o => o.Id).SingleAsync();
        }

        Client = await PlatformClient.CreateAsync(App, OrganizationId);
    }

    /// <summary>The app, with docs/integrations/signal-plugins.md's example signal registered as that page says.</summary>
    private static CoopAppFactory CreateApp()
    {
        var app = new CoopAppFactory();
        app.TestServices.Add(services => services.AddSingleton<ISignal, ShoutingSignal>());
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await App.DisposeAsync();
    }
}
