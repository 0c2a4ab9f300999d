using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Signals;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Rules.Integrations;
using Coop.Web.Features.Rules.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Classifiers;

/// <summary>The real app (SQLite, loopback allowed, a 1 s break and 3-failure breaker) with an organization, its admin and a fake classifier.</summary>
internal sealed class ClassifierScenario : IAsyncDisposable
{
    private ClassifierScenario(CoopAppFactory app, FakeClassifier classifier, string organizationId)
    {
        App = app;
        Classifier = classifier;
        OrganizationId = organizationId;
    }

    public CoopAppFactory App { get; }

    public FakeClassifier Classifier { get; }

    public string OrganizationId { get; }

    public static string Admin => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    public static async Task<ClassifierScenario> StartAsync()
    {
        var classifier = await FakeClassifier.StartAsync();
        var app = new CoopAppFactory(new Dictionary<string, string?>
        {
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Classifiers:BreakerFailures"] = "3",
            ["Classifiers:BreakDuration"] = "00:00:01",
        });
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        return new ClassifierScenario(app, classifier, org);
    }

    public Task<IntegrationView> SaveAsync(string signalId, Dictionary<string, string?> values, Dictionary<string, string?>? secrets = null, string? user = null) =>
        App.AsUserAsync(user ?? Admin, s => s.SendAsync<SaveIntegrationSettingsCommand, IntegrationView>(
            new SaveIntegrationSettingsCommand(signalId, values, secrets ?? [])));

    public Task<IReadOnlyList<IntegrationView>> ListAsync(string? user = null) =>
        App.AsUserAsync(user ?? Admin, s => s.AskAsync<ListIntegrationsQuery, IReadOnlyList<IntegrationView>>(new ListIntegrationsQuery()));

    public Task<IntegrationTestOutcome> TestAsync(string signalId, string text, Dictionary<string, string> arguments) =>
        App.AsUserAsync(Admin, s => s.SendAsync<TestIntegrationCommand, IntegrationTestOutcome>(new TestIntegrationCommand(signalId, text, arguments)));

    /// <summary>Runs a signal as a rule evaluation of one item version does (a fresh runner each call, so only the classifier cache can remember).</summary>
    public async Task<SignalResult> RunAsync(string signalId, string text, Dictionary<string, string>? arguments = null, string itemId = "p1", string version = "v1") =>
        await App.Services.GetRequiredService<SignalRunnerFactory>()
            .For(new SignalItem(OrganizationId, "post", itemId, version))
            .RunAsync(new SignalCall(signalId, Arguments: arguments), text, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Classifier.DisposeAsync();
    }
}
