using Microsoft.Extensions.Options;

namespace Coop.Web.Api;

/// <summary>The platform API under <c>/api/v1</c>: API-key authenticated, Coop's error envelope throughout.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCoopApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .AllowAnonymous() // authenticated by X-API-KEY inside each endpoint, after body validation (Coop's order)
            .DisableAntiforgery()
            .AddEndpointFilter<ApiExceptionFilter>()
            .WithTags("Platform API")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ApiErrorEnvelope), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiErrorEnvelope), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiErrorEnvelope), ["application/json"]));
        foreach (var module in endpoints.ServiceProvider.GetServices<IApiModule>())
        {
            module.Map(api);
        }

        endpoints.MapFallback("/api/{**path}", static (HttpContext context) =>
                ApiResults.NotFound("Requested route not found.", $"{context.Request.Method} {context.Request.Path} is not part of the API."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    public static IServiceCollection AddCoopApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiBody>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddOpenApi("v1", o =>
        {
            // The document describes the platform API only, not the console's own endpoints.
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Coop platform API";
                document.Info.Description = "Wire-compatible with ROOST Coop 1.0. Authenticate with the X-API-KEY header. "
                    + "Every error has the body { errors: [ { status, type[], title, detail?, pointer?, requestId? } ] }.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Coop-style correlation id: <c>&lt;source&gt;:&lt;uuid&gt;</c>, e.g. <c>post-items:…</c>.</summary>
    public static string NewRequestId(string source) => $"{source}:{Guid.NewGuid()}";

    internal static long MaxBodyBytes(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
}

/// <summary>A feature's part of the API; implementations are registered as <see cref="IApiModule"/> singletons.</summary>
public interface IApiModule
{
    void Map(RouteGroupBuilder api);
}
