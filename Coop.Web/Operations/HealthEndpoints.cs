using System.Text.Json;
using Coop.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coop.Web.Operations;

/// <summary>
/// <c>/health/live</c> (the process answers: no checks), <c>/health/ready</c> (database reachable and migrated, Redis when
/// configured, Quartz running, the node not draining) and <c>/health</c>, an alias of ready. Anonymous; the JSON body
/// lists each check's status and duration, never a connection string or an exception text.
/// </summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddCoopHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SchedulerHealthCheck>("quartz", tags: [HealthTags.Ready])
            .AddCheck<DrainHealthCheck>("node", tags: [HealthTags.Ready]);
        return services;
    }

    public static WebApplication MapCoopHealth(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = WriteAsync };
        var ready = new HealthCheckOptions { Predicate = static c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/live", live).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/health", ready).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                description = e.Value.Description,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
