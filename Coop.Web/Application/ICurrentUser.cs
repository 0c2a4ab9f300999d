using System.Security.Claims;

namespace Coop.Web.Application;

/// <summary>Who is acting: the signed-in console user of this circuit or request.</summary>
public interface ICurrentUser
{
    Task<ClaimsPrincipal> GetPrincipalAsync();
}
