using Coop.Infrastructure.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>Runs use cases in the real app as a given user (their real principal, as the cookie would carry it).</summary>
public static class SignedInUseCases
{
    public static async Task<T> AsUserAsync<T>(this CoopAppFactory app, string email, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<CoopUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>().CreateAsync(user);
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = principal, RequestServices = services };
        return await action(services);
    }

    public static Task<TResult> SendAsync<TCommand, TResult>(this IServiceProvider services, TCommand command)
        where TCommand : notnull =>
        services.GetRequiredService<Coop.Web.Application.ICommandHandler<TCommand, TResult>>().HandleAsync(command);

    public static Task<TResult> AskAsync<TQuery, TResult>(this IServiceProvider services, TQuery query)
        where TQuery : notnull =>
        services.GetRequiredService<Coop.Web.Application.IQueryHandler<TQuery, TResult>>().HandleAsync(query);
}
