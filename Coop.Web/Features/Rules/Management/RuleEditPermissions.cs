using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Web.Application;

namespace Coop.Web.Features.Rules.Management;

/// <summary>
/// Who may change a rule: anything touching a Live rule (creating one, editing one, making a rule Live or taking it out of
/// Live) needs <see cref="Permissions.MutateLiveRules"/>; other changes need <see cref="Permissions.MutateNonLiveRules"/> (or
/// the Live permission, which includes it). Checked inside the use cases, whatever page or API calls them.
/// </summary>
public static class RuleEditPermissions
{
    public static bool CanEditLive(ClaimsPrincipal user) => user?.HasClaim(Permissions.ClaimType, Permissions.MutateLiveRules) == true;

    public static bool CanEdit(ClaimsPrincipal user) => CanEditLive(user) || user?.HasClaim(Permissions.ClaimType, Permissions.MutateNonLiveRules) == true;

    /// <summary>Throws <see cref="ForbiddenAccessException"/> unless <paramref name="user"/> may move a rule from <paramref name="from"/> (null: new) to <paramref name="to"/>.</summary>
    public static void Ensure(ClaimsPrincipal user, RuleStatus? from, RuleStatus to)
    {
        if ((from == RuleStatus.Live || to == RuleStatus.Live) && !CanEditLive(user))
        {
            throw new ForbiddenAccessException("Changing a Live rule, or making a rule Live, needs the \"Create live rules\" permission.");
        }

        if (!CanEdit(user))
        {
            throw new ForbiddenAccessException("Changing rules needs the \"Create draft rules\" permission.");
        }
    }
}
