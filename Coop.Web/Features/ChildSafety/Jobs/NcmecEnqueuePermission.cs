using System.Security.Claims;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>
/// Who may put a user into child-safety review by hand: only people holding <see cref="Permissions.ViewChildSafetyData"/>
/// (the NCMEC queue and what it shows are theirs). Checked server-side by every path a person takes — an "Enqueue to
/// NCMEC" decision, an action decision, a console action or a bulk run naming the built-in NCMEC action — not only by
/// hiding the button. Rules and the platform's API key act for the organization and are not limited by it.
/// </summary>
public static class NcmecEnqueuePermission
{
    public const string Refusal = "Sending a user to NCMEC review needs the \"View child safety content\" permission.";

    public static bool Allows(ClaimsPrincipal principal) =>
        principal?.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData) == true;

    /// <summary>Throws <see cref="ForbiddenAccessException"/> when the signed-in user may not enqueue to NCMEC.</summary>
    public static async Task RequireAsync(ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        if (!Allows(await currentUser.GetPrincipalAsync()))
        {
            throw new ForbiddenAccessException(Refusal);
        }
    }

    /// <summary>As <see cref="RequireAsync(ICurrentUser)"/>, when any of <paramref name="actions"/> is the built-in NCMEC action.</summary>
    public static async Task RequireForAsync(ICurrentUser currentUser, IEnumerable<ActionDefinition> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Any(a => a.ActionType == ActionType.EnqueueToNcmec))
        {
            await RequireAsync(currentUser);
        }
    }
}
