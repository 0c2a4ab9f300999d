using System.Collections.Concurrent;
using System.Reflection;
using Coop.Domain.Authorization;

namespace Coop.Web.Application;

/// <summary>The one check every use case passes through: the request type's declared permission.</summary>
internal static class UseCaseAuthorization
{
    private static readonly ConcurrentDictionary<Type, Func<System.Security.Claims.ClaimsPrincipal, bool>> Checks = new();

    public static async Task EnsureAllowedAsync(Type requestType, ICurrentUser currentUser)
    {
        var check = Checks.GetOrAdd(requestType, Build);
        if (!check(await currentUser.GetPrincipalAsync()))
        {
            throw new ForbiddenAccessException();
        }
    }

    private static Func<System.Security.Claims.ClaimsPrincipal, bool> Build(Type requestType)
    {
        if (requestType.GetCustomAttribute<AllowAnonymousUseAttribute>() is not null)
        {
            return _ => true;
        }

        if (requestType.GetCustomAttribute<RequiresSignedInUserAttribute>() is not null)
        {
            return user => user.Identity?.IsAuthenticated == true;
        }

        var permission = requestType.GetCustomAttribute<RequiresPermissionAttribute>()?.Permission
            ?? throw new InvalidOperationException(
                $"{requestType.Name} declares no permission: add [RequiresPermission], [RequiresSignedInUser] or [AllowAnonymousUse].");
        return user => user.Identity?.IsAuthenticated == true && user.HasClaim(Permissions.ClaimType, permission);
    }
}

internal sealed class AuthorizingQueryHandler<TQuery, TResult>(IQueryHandler<TQuery, TResult> inner, ICurrentUser currentUser)
    : IQueryHandler<TQuery, TResult>
    where TQuery : notnull
{
    public async Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default)
    {
        await UseCaseAuthorization.EnsureAllowedAsync(typeof(TQuery), currentUser);
        return await inner.HandleAsync(query, cancellationToken);
    }
}

internal sealed class AuthorizingCommandHandler<TCommand, TResult>(ICommandHandler<TCommand, TResult> inner, ICurrentUser currentUser)
    : ICommandHandler<TCommand, TResult>
    where TCommand : notnull
{
    public async Task<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken = default)
    {
        await UseCaseAuthorization.EnsureAllowedAsync(typeof(TCommand), currentUser);
        return await inner.HandleAsync(command, cancellationToken);
    }
}
