using System.Reflection;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Components;

namespace Coop.Tests.Unit.Application;

/// <summary>Use cases that need no signed-in user must stay out of the console, except first-run setup.</summary>
[Trait("Category", "Unit")]
public sealed class OperatorOnlyUseCaseTests
{
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
            where !(component.Name == "Setup" && request == typeof(SetUpFirstRunCommand))
            select $"{component.Name}.{property.Name} ({request.Name})";

        Assert.Empty(offenders);
    }
}
