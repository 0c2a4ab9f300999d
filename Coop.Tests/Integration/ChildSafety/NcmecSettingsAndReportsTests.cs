using System.Text.Json;
using Coop.Domain.ChildSafety;
using Coop.Web.Application;
using Coop.Tests.Support;
using Coop.Web.Features.ChildSafety.Settings;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>Settings → Child Safety and the NCMEC reports page use cases: validation, write-only credentials, who sees which submission.</summary>
[Trait("Category", "Integration")]
public sealed class NcmecSettingsAndReportsTests
{
    private const string Secret = "tipline-password-do-not-show";

    private static readonly string[] ExpectedFields =
    [
        "AdditionalInfoWebhookUrl", "ContactEmail", "EspServiceName", "LegalUrl", "MinimumMediaToReview", "PostReportActionIds",
        "PostReportPolicyIds", "PreservationWebhookUrl", "ReporterEmail", "TestCredentials",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_settings_are_refused_field_by_field()
    {
        await using var s = await NcmecScenario.StartAsync();
        var values = NcmecScenario.Values() with
        {
            ReporterEmail = "nobody",
            ContactEmail = "also not",
            LegalUrl = "javascript:alert(1)",
            PreservationWebhookUrl = "ftp://platform.example/preserve",
            AdditionalInfoWebhookUrl = "http://10.1.2.3/info",
            EspServiceName = new string('x', 101),
            MediaReviewRequirement = NcmecMediaReviewRequirement.Minimum,
            MinimumMediaToReview = 0,
            PostReportActionIds = ["some-action"],
        };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync(new SaveNcmecSettingsCommand(values,
            new NcmecCredentialChange("user", null), NcmecCredentialChange.Remove)));
        var noEmail = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync(new SaveNcmecSettingsCommand(NcmecScenario.Values() with { ReporterEmail = " " })));
        var productionWithoutCredentials = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SaveAsync(
            new SaveNcmecSettingsCommand(NcmecScenario.Values(NcmecEnvironment.Production), new NcmecCredentialChange("u", "p"))));

        Assert.Equal(ExpectedFields, refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ReporterEmail"], noEmail.Errors.Keys);
        Assert.Equal(["ActiveEnvironment"], productionWithoutCredentials.Errors.Keys);
        await using var db = await s.Db();
        Assert.False(await db.NcmecSettings.AnyAsync(Ct));
    }

    [Fact]
    public async Task Credentials_are_encrypted_never_returned_never_audited_and_only_MANAGE_ORG_may_see_or_save_settings()
    {
        await using var s = await NcmecScenario.StartAsync();

        var saved = await s.SaveAsync(new SaveNcmecSettingsCommand(NcmecScenario.Values(), new NcmecCredentialChange("esp-user", Secret)));
        var read = await s.GetSettingsAsync();
        var kept = await s.SaveAsync(new SaveNcmecSettingsCommand(NcmecScenario.Values() with { EspServiceName = "Acme Chat 2" }));
        var replaced = await s.SaveAsync(new SaveNcmecSettingsCommand(NcmecScenario.Values(), new NcmecCredentialChange("esp-user", Secret + "-2")));

        Assert.True(saved.TestCredentialsSet && read.TestCredentialsSet && kept.TestCredentialsSet && replaced.TestCredentialsSet);
        Assert.False(read.ProductionCredentialsSet);
        Assert.NotNull(read.TestCredentialsChangedAt);
        Assert.Equal("Acme Chat 2", kept.Values.EspServiceName);
        foreach (var view in new[] { saved, read, kept, replaced })
        {
            var json = JsonSerializer.Serialize(view);
            Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain("esp-user", json, StringComparison.Ordinal);
        }

        await using var db = await s.Db();
        var row = await db.NcmecSettings.AsNoTracking().SingleAsync(Ct);
        Assert.DoesNotContain(Secret, row.ProtectedTestCredentials!, StringComparison.Ordinal);
        Assert.DoesNotContain("esp-user", row.ProtectedTestCredentials!, StringComparison.Ordinal);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "ncmec.settings-updated").OrderBy(a => a.Id).Select(a => a.Details).ToListAsync(Ct);
        Assert.Equal(3, audit.Count);
        Assert.Contains("test credentials set", audit[0], StringComparison.Ordinal);
        Assert.Contains("test credentials replaced", audit[2], StringComparison.Ordinal);
        Assert.All(audit, d => Assert.DoesNotContain(Secret, d, StringComparison.Ordinal));

        var check = await s.App.AsUserAsync(NcmecScenario.Admin, sp => sp.SendAsync<CheckNcmecConnectionCommand, NcmecConnectionCheck>(new CheckNcmecConnectionCommand(NcmecEnvironment.Test)));
        Assert.False(check.Succeeded);
        Assert.Contains("refused", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, check.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.GetSettingsAsync(NcmecScenario.ChildSafety));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.SaveAsync(new SaveNcmecSettingsCommand(NcmecScenario.Values()), NcmecScenario.Moderator));
    }

    [Fact]
    public async Task Test_submissions_are_visible_only_to_their_reviewer_and_admins_and_a_moderator_without_child_safety_is_refused()
    {
        await using var s = await NcmecScenario.StartAsync();
        var other = await OrganizationBuilderHelper.AddChildSafetyReviewerAsync(s);
        var mineTest = await s.SubmitAsync(NcmecEnvironment.Test);
        var othersTest = await s.SubmitAsync(NcmecEnvironment.Test, reviewer: other);
        var othersProduction = await s.SubmitAsync(NcmecEnvironment.Production, reviewer: other);

        var mine = (await s.ListAsync()).Submissions.Select(x => x.Id).Order(StringComparer.Ordinal);
        var admin = (await s.ListAsync(NcmecScenario.Admin)).Submissions.Select(x => x.Id).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { mineTest, othersProduction }.Order(StringComparer.Ordinal), mine);
        Assert.Equal(new[] { mineTest, othersTest, othersProduction }.Order(StringComparer.Ordinal), admin);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.ListAsync(NcmecScenario.Moderator));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.RetryAsync(mineTest, NcmecScenario.Moderator));
        var notFailed = await Assert.ThrowsAsync<ValidationFailedException>(() => s.RetryAsync(mineTest));
        var hidden = await Assert.ThrowsAsync<ValidationFailedException>(() => s.RetryAsync(othersTest));
        Assert.Contains("Only a failed submission", notFailed.Message, StringComparison.Ordinal);
        Assert.Contains("no such", hidden.Message, StringComparison.Ordinal);
    }
}

internal static class OrganizationBuilderHelper
{
    /// <summary>Adds a second child-safety moderator and returns their email.</summary>
    public static async Task<string> AddChildSafetyReviewerAsync(NcmecScenario s)
    {
        const string email = "second-reviewer@acme.example";
        await Support.OrganizationBuilder.AddUserAsync(s.App, s.OrganizationId, email, Coop.Domain.Authorization.DefaultRoles.ChildSafetyModerator);
        return email;
    }
}
