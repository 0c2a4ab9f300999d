using System.Security.Claims;
using System.Text.Encodings.Web;
using Coop.Domain.Audit;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Features.Administration.Users;

/// <summary>The signed-in user's two-factor state.</summary>
[RequiresSignedInUser]
public sealed record GetTwoFactorQuery;

public sealed record TwoFactorState(bool Enabled, bool HasPassword, int RecoveryCodesLeft);

/// <summary>Starts (or restarts) authenticator enrolment: a new shared key, shown as text and as an <c>otpauth://</c> URI.</summary>
[RequiresSignedInUser]
public sealed record BeginTwoFactorEnrolmentCommand;

public sealed record TwoFactorEnrolment(string SharedKey, string AuthenticatorUri);

/// <summary>Turns two-factor on once the user proves their app works; returns ten one-time recovery codes (shown once). Field key: <c>Code</c>.</summary>
[RequiresSignedInUser]
public sealed record ConfirmTwoFactorCommand(string Code);

/// <summary>Turns two-factor off for the signed-in user.</summary>
[RequiresSignedInUser]
public sealed record DisableTwoFactorCommand;

internal sealed class TwoFactorHandler(IServiceScopeFactory scopes, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetTwoFactorQuery, TwoFactorState>, ICommandHandler<BeginTwoFactorEnrolmentCommand, TwoFactorEnrolment>,
      ICommandHandler<ConfirmTwoFactorCommand, IReadOnlyList<string>>, ICommandHandler<DisableTwoFactorCommand, bool>
{
    public async Task<TwoFactorState> HandleAsync(GetTwoFactorQuery query, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await UserAsync(scope);
        return new TwoFactorState(await users.GetTwoFactorEnabledAsync(user), await users.HasPasswordAsync(user), await users.CountRecoveryCodesAsync(user));
    }

    public async Task<TwoFactorEnrolment> HandleAsync(BeginTwoFactorEnrolmentCommand command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await UserAsync(scope);
        if (!await users.HasPasswordAsync(user))
        {
            throw new ValidationFailedException(string.Empty, "Two-factor sign-in is for local accounts; your single sign-on provider handles yours.");
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        var issuer = UrlEncoder.Default.Encode("Coop");
        var account = UrlEncoder.Default.Encode(user.Email ?? user.Id);
        return new TwoFactorEnrolment(Format(key), $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6");
    }

    public async Task<IReadOnlyList<string>> HandleAsync(ConfirmTwoFactorCommand command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await UserAsync(scope);
        var code = (command.Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw new ValidationFailedException("Code", "That code is not right. Check the time on your phone and try the current code.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await AuditAsync(scope, user, "user.two-factor-enabled");
        return [.. codes];
    }

    public async Task<bool> HandleAsync(DisableTwoFactorCommand command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, user) = await UserAsync(scope);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(scope, user, "user.two-factor-disabled");
        return true;
    }

    private async Task<(UserManager<CoopUser> Users, CoopUser User)> UserAsync(AsyncServiceScope scope)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await users.FindByIdAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty)
            ?? throw new ForbiddenAccessException("Sign in first.");
        return (users, user);
    }

    private async Task AuditAsync(AsyncServiceScope scope, CoopUser user, string action)
    {
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        db.AuditEntries.Add(AuditEntry.Record(user.OrganizationId, user.Id, user.Email ?? user.Id, action, "user", user.Id, null, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    private static string Format(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}
