using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.Support;

/// <summary>A running app on a real port with an organization, and a browser signed in as one of its users.</summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private ConsoleSession(CoopAppFactory app, IBrowserContext context, ConsolePage console, string organizationId)
    {
        App = app;
        Context = context;
        Console = console;
        OrganizationId = organizationId;
    }

    public CoopAppFactory App { get; }

    public IBrowserContext Context { get; }

    public ConsolePage Console { get; }

    public string OrganizationId { get; }

    /// <summary>Starts the app, creates the organization with a user of <paramref name="roleKey"/>, and signs that user in.</summary>
    public static async Task<ConsoleSession> StartAsync(BrowserFixture browser, string roleKey, string organization = "Acme")
    {
        var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var organizationId = await OrganizationBuilder.CreateAsync(app, organization, roleKey);
        var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor(organization, roleKey), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        return new ConsoleSession(app, context, console, organizationId);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await App.DisposeAsync();
    }
}
