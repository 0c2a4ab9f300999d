using Coop.Tests.Support;
using Coop.Web.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Unit.Application;

[Trait("Category", "Integration")]
public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task Every_use_case_resolves_and_is_wrapped_by_the_authorization_decorator()
    {
        await using var app = new CoopAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var handlerInterfaces = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && !t.IsGenericTypeDefinition)
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>) || i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)))
            .Distinct()
            .ToList();

        Assert.NotEmpty(handlerInterfaces);
        Assert.All(handlerInterfaces, i =>
        {
            var resolved = scope.ServiceProvider.GetRequiredService(i);
            Assert.StartsWith("Authorizing", resolved.GetType().Name, StringComparison.Ordinal);
        });
    }
}
