using System.Security.Claims;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Coop.Web.Account;

/// <summary>
/// Keeps a circuit's principal current. Every minute it re-checks the security stamp (a locked-out or deleted user
/// loses the console). And as soon as an access change is announced for the user's organization (a role's
/// permissions, the user's role, deactivation) it rebuilds the principal from the database, or signs the circuit
/// out, so pages and use cases see the new permissions at once rather than at the next sign-in.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly ILiveEvents live;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private string? subscribedTopic;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, ILiveEvents live)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.live = live;
        logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= OnAuthenticationStateChanged;
            lock (gate)
            {
                subscription?.Dispose();
                subscription = null;
            }
        }

        base.Dispose(disposing);
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        try
        {
            var state = await task;
            var organizationId = state.User.FindFirstValue(CoopClaimTypes.OrganizationId);
            var topic = organizationId is null ? null : LiveTopics.Access(organizationId);
            lock (gate)
            {
                if (topic == subscribedTopic)
                {
                    return;
                }

                subscription?.Dispose();
                subscription = topic is null ? null : live.Subscribe(topic, OnAccessChangedAsync);
                subscribedTopic = topic;
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not follow access changes for a circuit");
        }
    }

    private async Task OnAccessChangedAsync(LiveEvent liveEvent)
    {
        var principal = (await GetAuthenticationStateAsync()).User;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || (liveEvent.EntityId is not null && liveEvent.EntityId != userId))
        {
            return;
        }

        var refreshed = await RefreshAsync(principal, userId);
        if (refreshed is not null)
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed)));
        }
    }

    /// <summary>A new principal when the user's access changed (anonymous when they may no longer sign in); null when unchanged.</summary>
    private async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, string userId)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        var current = await AccessStamps.CurrentAsync(db, userId);
        if (current is null)
        {
            logger.LogInformation("Signing out the circuit of user {UserId}: the account is deactivated or gone", userId);
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        if (current == principal.FindFirstValue(CoopClaimTypes.AccessStamp))
        {
            return null;
        }

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await userManager.FindByIdAsync(userId);
        if (user is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>();
        var fresh = await factory.CreateAsync(user);
        logger.LogInformation("Rebuilt the circuit principal of user {UserId} after an access change", userId);
        return new ClaimsPrincipal(new ClaimsIdentity(fresh.Claims, principal.Identity?.AuthenticationType ?? IdentityConstants.ApplicationScheme));
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<CoopUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.IsDeactivated || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
