using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Audit;
using Coop.Web.Features.Administration.OrganizationSettings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coop.Tests.Integration.Audit;

/// <summary>
/// A broken audit chain raises the alarm: the daily job emails each organization's on-call address and admins through a
/// real (loopback) SMTP server, writes <c>audit.chain-broken</c>, and admins get the console banner; without SMTP, banner and log only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuditChainAlertTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_daily_job_emails_the_on_call_address_and_every_admin_and_admins_see_the_banner_when_a_row_was_tampered_with()
    {
        await using var smtp = new SmtpReceiver();
        await using var app = new CoopAppFactory(smtp.Settings());
        var acme = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        var secondAdmin = "second-admin@acme.example";
        await OrganizationBuilder.AddUserAsync(app, acme, secondAdmin, DefaultRoles.Admin);
        await OrganizationBuilder.CreateAsync(app, "Globex", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        await app.AsUserAsync(admin, s => s.SendAsync<UpdateOrganizationCommand, OrganizationSettingsView>(
            new UpdateOrganizationCommand("Acme", "contact@acme.example", null, "oncall@acme.example")));

        // Intact: the job sends nothing and there is no banner.
        await RunJobAsync(app);
        Assert.Empty(smtp.Received);
        Assert.Null(await app.AsUserAsync(admin, s => s.AskAsync<GetAuditChainAlertQuery, AuditChainAlert?>(new GetAuditChainAlertQuery())));

        await TamperAsync(app);
        await RunJobAsync(app, () => smtp.Received.Count >= 4);
        await Task.Delay(300, Token); // nothing more arrives

        var messages = smtp.Received;
        Assert.All(messages, m => Assert.Equal("coop@coop.test", m.From));
        Assert.All(messages, m => Assert.Equal(AuditChainAlertEmail.Subject, m.Message().Subject));
        Assert.Equal(
            new[] { "admin@globex.example", "oncall@acme.example", secondAdmin, admin }.Order(StringComparer.OrdinalIgnoreCase),
            messages.SelectMany(m => m.Recipients).Order(StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(messages, m => m.Recipients.Contains(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), StringComparer.OrdinalIgnoreCase));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(Token);
        var body = messages.First(m => m.Recipients.Contains("oncall@acme.example")).Message().TextBody;
        Assert.Contains(head.LastVerificationProblem!, body, StringComparison.Ordinal);
        Assert.Contains("was edited", body, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "audit.chain-broken", Token));

        var banner = await app.AsUserAsync(admin, s => s.AskAsync<GetAuditChainAlertQuery, AuditChainAlert?>(new GetAuditChainAlertQuery()));
        Assert.NotNull(banner);
        Assert.Equal(head.LastVerificationProblem, banner.Problem);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator),
            s => s.AskAsync<GetAuditChainAlertQuery, AuditChainAlert?>(new GetAuditChainAlertQuery())));
    }

    [Fact]
    public async Task Without_smtp_a_break_is_only_logged_and_shown_on_the_banner()
    {
        await using var app = new CoopAppFactory();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        await TamperAsync(app);

        var report = await app.Services.GetRequiredService<AuditChainCheck>().RunAsync(Token);

        Assert.False(report.Intact);
        var banner = await app.AsUserAsync(admin, s => s.AskAsync<GetAuditChainAlertQuery, AuditChainAlert?>(new GetAuditChainAlertQuery()));
        Assert.Equal(report.Problem, banner?.Problem);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "audit.chain-broken", Token));
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_does_not_stop_the_others()
    {
        await using var smtp = new SmtpReceiver();
        await using var app = new CoopAppFactory(smtp.Settings());
        var acme = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await OrganizationBuilder.AddUserAsync(app, acme, "second-admin@acme.example", DefaultRoles.Admin);
        smtp.RefusedRecipients.Add(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin));
        await TamperAsync(app);

        await app.Services.GetRequiredService<AuditChainCheck>().RunAsync(Token);

        Assert.Equal(["second-admin@acme.example"], smtp.Received.SelectMany(m => m.Recipients));
    }

    /// <summary>
    /// Runs the daily Quartz job itself (its class, resolved by the app's job factory) and waits until the run verified the
    /// chain and <paramref name="finished"/> holds (the emails go out after the verification is recorded).
    /// </summary>
    private static async Task RunJobAsync(CoopAppFactory app, Func<bool>? finished = null)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Token);
        Assert.True(await scheduler.Exists(AuditChainVerificationJob.Key, Token), "The daily audit chain job is not registered.");
        var before = await HeadVerifiedAtAsync(app);
        await scheduler.TriggerJob(AuditChainVerificationJob.Key, new JobDataMap(), Token);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (await HeadVerifiedAtAsync(app) == before || finished?.Invoke() == false)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The audit chain job did not finish within 30 s.");
            await Task.Delay(100, Token);
        }
    }

    private static async Task<DateTime?> HeadVerifiedAtAsync(CoopAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        return (await db.AuditChainHeads.AsNoTracking().SingleAsync(Token)).LastVerifiedAt;
    }

    /// <summary>Edits one chained entry behind the product's back, as someone with database access would.</summary>
    private static async Task TamperAsync(CoopAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        var organizationId = await db.Organizations.Select(o => o.Id).FirstAsync(Token);
        db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.entry", null, null, "to be edited", TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(Token);
        var updated = await db.Database.ExecuteSqlRawAsync(
            """UPDATE "AuditEntries" SET "Details" = 'nothing to see' WHERE "Sequence" = (SELECT MIN("Sequence") FROM "AuditEntries" WHERE "Action" = 'test.entry')""", Token);
        Assert.Equal(1, updated);
    }
}
