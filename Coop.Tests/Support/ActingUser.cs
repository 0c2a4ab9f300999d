using Coop.Infrastructure.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>Runs use cases in a fresh scope of the app as a given console user (their real claims, as after sign-in).</summary>
public static class ActingUser
{
    public static Task<T> RunAsync<T>(CoopAppFactory app, string email, Func<IServiceProvider, Task<T>> action) =>
        app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<CoopUser>>();
            var claims = services.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
            var accessor = services.GetRequiredService<IHttpContextAccessor>();
            accessor.HttpContext = new DefaultHttpContext { User = await claims.CreateAsync(user), RequestServices = services };
            try
            {
                return await action(services);
            }
            finally
            {
                accessor.HttpContext = null;
            }
        });
}
