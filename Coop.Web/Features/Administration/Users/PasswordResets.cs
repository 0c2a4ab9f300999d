using System.Text;
using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Email;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Coop.Web.Features.Administration.Users;

/// <summary>An admin makes a password reset link for a user (shown once; also emailed when <see cref="SendEmail"/> and SMTP is configured).</summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record CreatePasswordResetLinkCommand(string UserId, string BaseUri, bool SendEmail = false);

/// <summary>"Forgot password": emails a reset link when SMTP is configured and the address belongs to an active user. Says nothing either way.</summary>
[AllowAnonymousUse]
public sealed record RequestPasswordResetCommand(string Email, string BaseUri);

/// <summary>Sets a new password with a reset link's code. Field keys: <c>Password</c>, "" (bad or expired link).</summary>
[AllowAnonymousUse]
public sealed record ResetPasswordCommand(string UserId, string Code, string Password);

internal sealed class PasswordResetsHandler(
    IServiceScopeFactory scopes, ICurrentUser currentUser, IEmailSender email, TimeProvider time, ILogger<PasswordResetsHandler> logger)
    : ICommandHandler<CreatePasswordResetLinkCommand, IssuedLink>, ICommandHandler<RequestPasswordResetCommand, bool>, ICommandHandler<ResetPasswordCommand, bool>
{
    public async Task<IssuedLink> HandleAsync(CreatePasswordResetLinkCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await UserAdministrationHandler.FindAsync(db, actor.OrganizationId, command.UserId, cancellationToken);
        var link = await LinkAsync(users, user, command.BaseUri);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "user.password-reset-link-created", "user", user.Id,
            JsonSerializer.Serialize(new { email = user.Email }), time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        if (!command.SendEmail || !email.IsConfigured)
        {
            return new IssuedLink(user.Id, link, false);
        }

        try
        {
            await email.SendAsync(user.Email!, "Reset your Coop password", $"An administrator ({actor.Name}) started a password reset for you.\n\nChoose a new password:\n{link}\n", cancellationToken);
            return new IssuedLink(user.Id, link, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not email a password reset link to user {UserId}", user.Id);
            return new IssuedLink(user.Id, link, false, "The email could not be sent; give the person the link yourself.");
        }
    }

    public async Task<bool> HandleAsync(RequestPasswordResetCommand command, CancellationToken cancellationToken = default)
    {
        if (!email.IsConfigured)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await users.FindByEmailAsync((command.Email ?? string.Empty).Trim());
        if (user is null || user.IsDeactivated || !await users.HasPasswordAsync(user))
        {
            logger.LogInformation("Password reset requested for an address without an active local account");
            return true;
        }

        var link = await LinkAsync(users, user, command.BaseUri);
        try
        {
            await email.SendAsync(user.Email!, "Reset your Coop password", $"Someone (hopefully you) asked to reset your Coop password.\n\nChoose a new password:\n{link}\n\nIf it was not you, ignore this email.\n", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not email a password reset link to user {UserId}", user.Id);
        }

        return true;
    }

    public async Task<bool> HandleAsync(ResetPasswordCommand command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await users.FindByIdAsync(command.UserId ?? string.Empty);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(command.Code ?? string.Empty));
        }
        catch (FormatException)
        {
            token = string.Empty;
        }

        if (user is null || user.IsDeactivated)
        {
            throw new ValidationFailedException(string.Empty, "This reset link is not valid. Ask for a new one.");
        }

        var result = await users.ResetPasswordAsync(user, token, command.Password ?? string.Empty);
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(result.Errors.Any(e => e.Code == "InvalidToken")
                ? new Dictionary<string, string[]> { [string.Empty] = ["This reset link is not valid or has expired. Ask for a new one."] }
                : new Dictionary<string, string[]> { ["Password"] = [.. result.Errors.Select(e => e.Description)] });
        }

        await users.SetLockoutEndDateAsync(user, null);
        db.AuditEntries.Add(AuditEntry.Record(user.OrganizationId, user.Id, user.Email!, "user.password-reset", "user", user.Id, null, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<string> LinkAsync(UserManager<CoopUser> users, CoopUser user, string baseUri)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return $"{baseUri.TrimEnd('/')}/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={code}";
    }
}
