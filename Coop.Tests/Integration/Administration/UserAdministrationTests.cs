using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Users;
using Coop.Web.Features.Review.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Administration;

[Trait("Category", "Integration")]
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly CoopAppFactory app = new();
    private string org = string.Empty;

    private static string Admin => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    private static string Moderator => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

    public async ValueTask InitializeAsync() =>
        org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task<T> AsAdminAsync<TCommand, T>(TCommand command)
        where TCommand : notnull => app.AsUserAsync(Admin, s => s.SendAsync<TCommand, T>(command));

    [Fact]
    public async Task An_invitation_is_accepted_once_and_the_new_user_signs_in_with_the_invited_role()
    {
        var analystRole = await app.RoleIdAsync(org, DefaultRoles.Analyst);
        var issued = await AsAdminAsync<CreateInvitationCommand, IssuedLink>(
            new CreateInvitationCommand("new.person@acme.example", analystRole, 7, "https://coop.example/"));
        Assert.False(issued.Emailed);
        Assert.StartsWith("https://coop.example/account/invitation/", issued.Link, StringComparison.Ordinal);
        var token = issued.Link[(issued.Link.LastIndexOf('/') + 1)..];
        var stored = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Id == issued.Id));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);

        using var client = app.CookieClient();
        var page = await client.GetStringAsync(new Uri($"/account/invitation/{token}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("new.person@acme.example", page, StringComparison.Ordinal);
        using var accepted = await AdminScenario.PostFormAsync(client, $"/account/invitation/{token}", "accept-invitation", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "New",
            ["Input.LastName"] = "Person",
            ["Input.Password"] = "a long enough password",
            ["Input.ConfirmPassword"] = "a long enough password",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/rules")).Status);

        using var again = app.CookieClient();
        await FormSignIn.SignInAsync(again, "new.person@acme.example", "a long enough password");
        var overview = await app.AsUserAsync(Admin, s => s.AskAsync<ListUsersQuery, UsersOverview>(new ListUsersQuery()));
        var row = Assert.Single(overview.Users, u => u.Email == "new.person@acme.example");
        Assert.Equal("New Person", row.Name);
        Assert.Equal(analystRole, row.RoleId);
        Assert.NotNull(row.LastSignInAt);
        Assert.DoesNotContain(overview.Invitations, i => i.Id == issued.Id);
        Assert.Null(await app.AsUserAsync(Admin, s => s.AskAsync<GetInvitationQuery, InvitationInfo?>(new GetInvitationQuery(token))));
        var reuse = await app.CookieClient().GetStringAsync(new Uri($"/account/invitation/{token}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("invitation-invalid", reuse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_invitation_stops_working_and_moderators_cannot_invite()
    {
        var role = await app.RoleIdAsync(org, DefaultRoles.Moderator);
        var issued = await AsAdminAsync<CreateInvitationCommand, IssuedLink>(new CreateInvitationCommand("x@acme.example", role, 1, "http://localhost/"));
        Assert.True(await AsAdminAsync<RevokeInvitationCommand, bool>(new RevokeInvitationCommand(issued.Id)));
        var token = issued.Link[(issued.Link.LastIndexOf('/') + 1)..];
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(Admin,
            s => s.SendAsync<AcceptInvitationCommand, string>(new AcceptInvitationCommand(token, null, null, "a long enough password"))));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync<CreateInvitationCommand, IssuedLink>(new CreateInvitationCommand(Moderator, "nope", 99, "http://localhost/")));
        Assert.Equal(["Email", "ExpiresInDays", "RoleId"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(Moderator,
            s => s.SendAsync<CreateInvitationCommand, IssuedLink>(new CreateInvitationCommand("y@acme.example", role, 1, "http://localhost/"))));
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_refused_sign_in_and_loses_their_claimed_job_until_reactivated()
    {
        var moderatorId = await app.UserIdAsync(Moderator);
        var jobId = await app.WithDbAsync(async db =>
        {
            var queue = await db.ReviewQueues.FirstAsync(q => q.OrganizationId == org && q.Kind == QueueKind.Standard);
            var job = ReviewJob.Open(org, queue.Id, "post", "p1", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime);
            job.Claim(moderatorId, TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(10));
            db.ReviewJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        using var client = app.CookieClient();
        await FormSignIn.SignInAsync(client, Moderator, OrganizationBuilder.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/review")).Status);

        Assert.True(await AsAdminAsync<SetUserActiveCommand, bool>(new SetUserActiveCommand(moderatorId, false)));

        var (status, location) = await client.ProbeAsync("/review");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/account/login", new Uri(new Uri("http://x"), location).PathAndQuery, StringComparison.Ordinal);
        using var refused = await FormSignIn.PostAsync(app.CookieClient(), Moderator, OrganizationBuilder.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("deactivated", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.ReviewJobs.Where(j => j.Id == jobId).Select(j => j.ClaimedByUserId).SingleAsync()));
        Assert.Contains("user.deactivated", await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));

        Assert.True(await AsAdminAsync<SetUserActiveCommand, bool>(new SetUserActiveCommand(moderatorId, true)));
        await FormSignIn.SignInAsync(app.CookieClient(), Moderator, OrganizationBuilder.Password);
    }

    [Fact]
    public async Task A_new_role_reaches_the_users_open_session_at_once()
    {
        var moderatorId = await app.UserIdAsync(Moderator);
        using var client = app.CookieClient();
        await FormSignIn.SignInAsync(client, Moderator, OrganizationBuilder.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/review")).Status);

        Assert.True(await AsAdminAsync<AssignRoleCommand, bool>(new AssignRoleCommand(moderatorId, await app.RoleIdAsync(org, DefaultRoles.Analyst))));

        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/review")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/rules")).Status);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "user.role-changed"));
        Assert.Contains("Moderator", audit.Details, StringComparison.Ordinal);
        Assert.Contains("Analyst", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Naming_a_user_on_a_restricted_queue_puts_it_in_their_review_queue_list()
    {
        var moderatorId = await app.UserIdAsync(Moderator);
        var adminId = await app.UserIdAsync(Admin);
        var queueId = await app.WithDbAsync(async db =>
        {
            var queue = ReviewQueue.Create(org, "Escalations", null, QueueKind.Standard, QueueOrdering.Age, false, TimeProvider.System.GetUtcNow().UtcDateTime);
            queue.SetAccess([adminId], [], []);
            db.ReviewQueues.Add(queue);
            await db.SaveChangesAsync();
            return queue.Id;
        });
        Task<IReadOnlyList<QueueSummary>> ModeratorQueuesAsync() =>
            app.AsUserAsync(Moderator, s => s.AskAsync<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>(new ListReviewQueuesQuery()));
        Assert.DoesNotContain(await ModeratorQueuesAsync(), q => q.Id == queueId);
        var before = await app.AsUserAsync(Admin, s => s.AskAsync<GetUserQueueAccessQuery, IReadOnlyList<QueueAccessRow>>(new GetUserQueueAccessQuery(moderatorId)));
        Assert.False(Assert.Single(before, r => r.QueueId == queueId).CanWork);

        var row = await AsAdminAsync<SetUserQueueAccessCommand, QueueAccessRow>(new SetUserQueueAccessCommand(moderatorId, queueId, true));

        Assert.True(row.Assigned && row.CanWork);
        Assert.Contains(await ModeratorQueuesAsync(), q => q.Id == queueId);
        await AsAdminAsync<SetUserQueueAccessCommand, QueueAccessRow>(new SetUserQueueAccessCommand(moderatorId, queueId, false));
        Assert.DoesNotContain(await ModeratorQueuesAsync(), q => q.Id == queueId);
        var open = before.First(r => !r.Restricted);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync<SetUserQueueAccessCommand, QueueAccessRow>(new SetUserQueueAccessCommand(moderatorId, open.QueueId, true)));
    }

    [Fact]
    public async Task A_user_with_two_factor_needs_their_authenticator_code_to_sign_in()
    {
        var enrolment = await app.AsUserAsync(Moderator, s => s.SendAsync<BeginTwoFactorEnrolmentCommand, TwoFactorEnrolment>(new BeginTwoFactorEnrolmentCommand()));
        Assert.StartsWith("otpauth://totp/Coop:", enrolment.AuthenticatorUri, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.AsUserAsync(Moderator, s => s.SendAsync<ConfirmTwoFactorCommand, IReadOnlyList<string>>(new ConfirmTwoFactorCommand("000000"))));
        var codes = await app.AsUserAsync(Moderator, s => s.SendAsync<ConfirmTwoFactorCommand, IReadOnlyList<string>>(
            new ConfirmTwoFactorCommand(AdminScenario.Totp(enrolment.SharedKey))));
        Assert.Equal(10, codes.Count);

        using var client = app.CookieClient();
        using var first = await FormSignIn.PostAsync(client, Moderator, OrganizationBuilder.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login-2fa", new Uri(new Uri("http://x"), first.Headers.Location!.OriginalString).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/review")).Status);

        using var wrong = await AdminScenario.PostFormAsync(client, "/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = "123456" });
        Assert.Contains("That code is not right.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var second = await AdminScenario.PostFormAsync(client, "/account/login-2fa", "login-2fa",
            new Dictionary<string, string> { ["Input.Code"] = AdminScenario.Totp(enrolment.SharedKey) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/review")).Status);

        // A recovery code (as shown, XXXXX-XXXXX) signs in once; typed in lower case without its dash it works too.
        Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", codes[0]);
        async Task<HttpResponseMessage> RecoverAsync(HttpClient recovery, string code)
        {
            using var step = await FormSignIn.PostAsync(recovery, Moderator, OrganizationBuilder.Password);
            Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
            return await AdminScenario.PostFormAsync(recovery, "/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        }

        using var recovered = app.CookieClient();
        using var withCode = await RecoverAsync(recovered, codes[0]);
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recovered.ProbeAsync("/review")).Status);
        using var reused = await RecoverAsync(app.CookieClient(), codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That code is not right.", await reused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var typed = await RecoverAsync(app.CookieClient(), codes[1].Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
    }

    [Fact]
    public async Task An_admin_reset_link_sets_a_new_password_once()
    {
        var moderatorId = await app.UserIdAsync(Moderator);
        var issued = await AsAdminAsync<CreatePasswordResetLinkCommand, IssuedLink>(new CreatePasswordResetLinkCommand(moderatorId, "http://localhost/"));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(issued.Link).Query);
        Task<bool> ResetAsync(string password) => app.WithScopeAsync(s =>
            s.GetRequiredService<ICommandHandler<ResetPasswordCommand, bool>>().HandleAsync(new ResetPasswordCommand(query["userId"]!, query["code"]!, password)));
        Assert.True(await ResetAsync("a brand new password"));
        await FormSignIn.SignInAsync(app.CookieClient(), Moderator, "a brand new password");
        await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync("yet another password"));
    }
}
