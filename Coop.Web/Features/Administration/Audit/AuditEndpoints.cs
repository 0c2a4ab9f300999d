using System.Text;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.Administration.Audit;

internal static class AuditEndpoints
{
    /// <summary><c>GET /settings/audit/export.csv</c>: the filtered audit log as CSV, streamed (ManageOrg).</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/settings/audit/export.csv", async (
                HttpContext context, IQueryHandler<ExportAuditEntriesQuery, IAsyncEnumerable<string>> handler,
                string? q, string? action, string? actor, DateOnly? from, DateOnly? to, string? tz, CancellationToken cancellationToken) =>
            {
                var lines = await handler.HandleAsync(new ExportAuditEntriesQuery(new AuditFilter(q, action, actor, from, to, tz)), cancellationToken);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"coop-audit-log.csv\"";
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
                await foreach (var line in lines.WithCancellation(cancellationToken))
                {
                    await writer.WriteAsync(line);
                    await writer.WriteAsync("\r\n");
                }

                await writer.FlushAsync(cancellationToken);
            })
            .RequireAuthorization(Permissions.ManageOrg);
        return endpoints;
    }
}
