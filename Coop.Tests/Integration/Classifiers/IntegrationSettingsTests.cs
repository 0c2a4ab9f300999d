using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Classifiers;

/// <summary>Settings → Integrations use cases: secrets are write-only, encrypted at rest and never audited; MANAGE_ORG only.</summary>
[Trait("Category", "Integration")]
public sealed class IntegrationSettingsTests
{
    private const string Secret = "sk-live-0123456789-very-secret";

    [Fact]
    public async Task A_saved_secret_reads_back_only_as_set_is_encrypted_at_rest_and_stays_out_of_the_audit()
    {
        await using var s = await ClassifierScenario.StartAsync();

        var saved = await s.SaveAsync("openai.moderation", new() { ["endpoint"] = s.Classifier.BaseAddress.ToString(), ["model"] = "omni-moderation-latest" },
            new() { ["apiKey"] = Secret });
        var listed = await s.ListAsync();

        var openAi = Assert.Single(listed, i => i.SignalId == "openai.moderation");
        Assert.Contains(listed, i => i.SignalId == "http.json-score" && !i.Configured);
        Assert.True(saved.Configured && openAi.Configured);
        var key = Assert.Single(openAi.Fields, f => f.Field.Key == "apiKey");
        Assert.Equal((true, null), (key.IsSet, key.Value));
        Assert.Equal("omni-moderation-latest", openAi.Fields.Single(f => f.Field.Key == "model").Value);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(saved), StringComparison.Ordinal);

        await using var db = await s.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var row = await db.SignalSettings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Secret, row.ValuesJson, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", row.ProtectedSecrets!, StringComparison.Ordinal);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "integration.updated").ToListAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(audit);
        Assert.Contains("API key set", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, entry.Details, StringComparison.Ordinal);

        var runnerSees = await s.App.Services.GetRequiredService<Coop.Web.Features.Rules.Signals.ISignalSettingsSource>()
            .GetAsync(s.OrganizationId, "openai.moderation", TestContext.Current.CancellationToken);
        Assert.Equal(Secret, runnerSees["apiKey"]);
    }

    [Fact]
    public async Task Leaving_a_secret_out_keeps_it_clearing_it_unconfigures_and_clearing_everything_removes_the_settings()
    {
        await using var s = await ClassifierScenario.StartAsync();
        var endpoint = new Dictionary<string, string?> { ["endpoint"] = s.Classifier.BaseAddress.ToString() };
        await s.SaveAsync("openai.moderation", endpoint, new() { ["apiKey"] = Secret });

        var kept = await s.SaveAsync("openai.moderation", new() { ["endpoint"] = s.Classifier.BaseAddress.ToString(), ["model"] = "other-model" });
        var cleared = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync("openai.moderation", endpoint, new() { ["apiKey"] = null }));
        var removed = await s.SaveAsync("openai.moderation", new(), new() { ["apiKey"] = "" });

        Assert.True(kept.Configured);
        Assert.True(kept.Fields.Single(f => f.Field.Key == "apiKey").IsSet);
        Assert.Equal(["apiKey"], cleared.Errors.Keys);
        Assert.False(removed.Configured);
        var runnerSees = await s.App.Services.GetRequiredService<Coop.Web.Features.Rules.Signals.ISignalSettingsSource>()
            .GetAsync(s.OrganizationId, "openai.moderation", TestContext.Current.CancellationToken);
        Assert.Empty(runnerSees);
        await using var db = await s.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.SignalSettings.AnyAsync(TestContext.Current.CancellationToken));
        var details = await db.AuditEntries.Where(a => a.Action == "integration.updated").OrderBy(a => a.Id).Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, details.Count);
        Assert.Contains("Removed the settings", details[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_are_refused_field_by_field_and_only_MANAGE_ORG_may_see_or_save()
    {
        await using var s = await ClassifierScenario.StartAsync();

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync("http.json-score",
            new() { ["endpoint"] = "ftp://scorer.example/score", ["timeoutSeconds"] = "soon", ["nonsense"] = "x" }));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync("text.contains", new() { ["x"] = "y" }));
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.ListAsync(moderator));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.SaveAsync("http.json-score", new() { ["endpoint"] = s.Classifier.UrlFor("/score").ToString() }, user: moderator));

        Assert.Equal(["endpoint", "nonsense", "timeoutSeconds"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["SignalId"], unknown.Errors.Keys);
    }
}
