using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Application;

/// <summary>
/// Reads the user from the circuit's authentication state inside Blazor (where HttpContext is not
/// available) and from the HttpContext in plain HTTP requests.
/// </summary>
internal sealed class CurrentUser(
    CircuitPresence circuit,
    AuthenticationStateProvider authenticationState,
    IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public async Task<ClaimsPrincipal> GetPrincipalAsync()
    {
        if (circuit.IsInCircuit)
        {
            return (await authenticationState.GetAuthenticationStateAsync()).User;
        }

        return httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    }
}
