using System.Reflection;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Components;

namespace Coop.Tests.Unit.Application;

/// <summary>
/// Use cases that need no signed-in user must stay out of the console, except first-run setup and the signed-out account
/// pages, whose use cases are guarded by a secret token (invitation, password reset) or say nothing either way (forgot password).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperatorOnlyUseCaseTests
{
    private static readonly HashSet<(string Component, Type Request)> Allowed =
    [
        ("Setup", typeof(SetUpFirstRunCommand)),
        ("AcceptInvitation", typeof(Coop.Web.Features.Administration.Users.GetInvitationQuery)),
        ("AcceptInvitation", typeof(Coop.Web.Features.Administration.Users.AcceptInvitationCommand)),
        ("ForgotPassword", typeof(Coop.Web.Features.Administration.Users.RequestPasswordResetCommand)),
        ("ResetPassword", typeof(Coop.Web.Features.Administration.Users.ResetPasswordCommand)),
    ];

    [Fact]
    public void No_component_injects_an_anonymous_use_case_other_than_setup()
    {
        var offenders =
            from component in typeof(Program).Assembly.GetTypes()
            where typeof(IComponent).IsAssignableFrom(component)
            from property in component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            where property.GetCustomAttribute<InjectAttribute>() is not null && property.PropertyType.IsGenericType
            let request = property.PropertyType.GetGenericArguments()[0]
            where request.GetCustomAttribute<AllowAnonymousUseAttribute>() is not null
            where !Allowed.Contains((component.Name, request))
            select $"{component.Name}.{property.Name} ({request.Name})";

        Assert.Empty(offenders);
    }
}
