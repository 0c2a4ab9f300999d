using System.Reflection;
using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Web.Application;
using Coop.Web.Features.Administration;

namespace Coop.Tests.Unit.Application;

[Trait("Category", "Unit")]
public sealed class UseCaseAuthorizationTests
{
    public static IEnumerable<Type> RequestTypes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>) || i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter)
            .Distinct();

    [Fact]
    public void Every_command_and_query_declares_who_may_run_it()
    {
        var requestTypes = RequestTypes().ToList();
        Assert.NotEmpty(requestTypes);
        Assert.All(requestTypes, t =>
        {
            var declarations = new Attribute?[]
            {
                t.GetCustomAttribute<RequiresPermissionAttribute>(),
                t.GetCustomAttribute<RequiresSignedInUserAttribute>(),
                t.GetCustomAttribute<AllowAnonymousUseAttribute>(),
            }.Count(a => a is not null);
            Assert.True(declarations == 1, $"{t.Name} must declare exactly one of [RequiresPermission], [RequiresSignedInUser], [AllowAnonymousUse].");
            if (t.GetCustomAttribute<RequiresPermissionAttribute>() is { } p)
            {
                Assert.True(Permissions.IsKnown(p.Permission), $"{t.Name} requires unknown permission {p.Permission}");
            }
        });
    }

    [Fact]
    public async Task A_query_needing_manage_org_is_refused_to_a_moderator()
    {
        var inner = new RecordingHandler();
        var handler = new AuthorizingQueryHandler<GetOrganizationOverviewQuery, OrganizationOverview>(
            inner, new FixedUser(Principal(DefaultRoles.Get(DefaultRoles.Moderator).Permissions)));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => handler.HandleAsync(new GetOrganizationOverviewQuery()));
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task A_query_needing_manage_org_runs_for_an_admin()
    {
        var inner = new RecordingHandler();
        var handler = new AuthorizingQueryHandler<GetOrganizationOverviewQuery, OrganizationOverview>(
            inner, new FixedUser(Principal(Permissions.All)));

        await handler.HandleAsync(new GetOrganizationOverviewQuery());
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Signed_in_use_cases_refuse_anonymous_callers()
    {
        var inner = new ThemeHandler();
        var anonymous = new AuthorizingCommandHandler<SetThemePreferenceCommand, string?>(inner, new FixedUser(new ClaimsPrincipal(new ClaimsIdentity())));
        var signedIn = new AuthorizingCommandHandler<SetThemePreferenceCommand, string?>(inner, new FixedUser(Principal([])));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => anonymous.HandleAsync(new SetThemePreferenceCommand("dark")));
        Assert.Equal("dark", await signedIn.HandleAsync(new SetThemePreferenceCommand("dark")));
    }

    private static ClaimsPrincipal Principal(IEnumerable<string> permissions) =>
        new(new ClaimsIdentity(
            permissions.Select(p => new Claim(Permissions.ClaimType, p)).Append(new Claim(ClaimTypes.NameIdentifier, "u1")),
            authenticationType: "Test"));

    private sealed class FixedUser(ClaimsPrincipal principal) : ICurrentUser
    {
        public Task<ClaimsPrincipal> GetPrincipalAsync() => Task.FromResult(principal);
    }

    private sealed class RecordingHandler : IQueryHandler<GetOrganizationOverviewQuery, OrganizationOverview>
    {
        public int Calls { get; private set; }

        public Task<OrganizationOverview> HandleAsync(GetOrganizationOverviewQuery query, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new OrganizationOverview("o", "Org", "o@example.org", default, 0, []));
        }
    }

    private sealed class ThemeHandler : ICommandHandler<SetThemePreferenceCommand, string?>
    {
        public Task<string?> HandleAsync(SetThemePreferenceCommand command, CancellationToken cancellationToken = default) =>
            Task.FromResult(command.Theme);
    }
}
