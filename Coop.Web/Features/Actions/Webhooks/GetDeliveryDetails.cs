using System.Text;
using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>
/// One message with every attempt. Shows the names of its headers but never their values (they are
/// secrets), the target without its query string, and at most the first 4 KB of the body.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetDeliveryDetailsQuery(string Id);

public sealed record DeliveryDetails(
    DeliveryRow Message, string Target, IReadOnlyList<string> HeaderNames, string BodyPreview, int BodyBytes, bool BodyTruncated,
    IReadOnlyList<DeliveryAttemptRow> Attempts);

public sealed record DeliveryAttemptRow(int AttemptNumber, DateTime StartedAt, int DurationMs, int? StatusCode, string? Error, DeliveryOutcome Outcome);

internal sealed class GetDeliveryDetailsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetDeliveryDetailsQuery, DeliveryDetails?>
{
    public const int BodyPreviewBytes = 4096;

    public async Task<DeliveryDetails?> HandleAsync(GetDeliveryDetailsQuery query, CancellationToken cancellationToken = default)
    {
        var (organizationId, _, _) = await CurrentOrganization.RequireAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var m = await db.OutboxMessages.AsNoTracking()
            .SingleOrDefaultAsync(x => x.Id == query.Id && x.OrganizationId == organizationId, cancellationToken);
        if (m is null)
        {
            return null;
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.OutboxMessageId == m.Id).OrderByDescending(a => a.AttemptNumber)
            .Select(a => new DeliveryAttemptRow(a.AttemptNumber, a.StartedAt, a.DurationMs, a.StatusCode, a.Error, a.Outcome))
            .ToListAsync(cancellationToken);
        var bytes = Encoding.UTF8.GetBytes(m.Body);
        var truncated = bytes.Length > BodyPreviewBytes;
        var preview = truncated ? Encoding.UTF8.GetString(bytes, 0, BodyPreviewBytes).TrimEnd('\uFFFD') : m.Body;
        var row = new DeliveryRow(m.Id, m.CreatedAt, m.Kind, m.ActionId, m.ItemId, m.ItemTypeId, DeliveryRow.HostOf(m.TargetUrl), m.Status,
            m.AttemptCount, m.LastAttemptAt, m.LastStatusCode, m.LastError, m.LastDurationMs, m.NextAttemptAt);
        return new DeliveryDetails(row, TargetWithoutQuery(m.TargetUrl), HeaderNames(m.HeadersJson), preview, bytes.Length, truncated, attempts);
    }

    private static string TargetWithoutQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(invalid URL)";

    private static IReadOnlyList<string> HeaderNames(string headersJson)
    {
        try
        {
            using var document = JsonDocument.Parse(headersJson);
            return document.RootElement.ValueKind == JsonValueKind.Object ? [.. document.RootElement.EnumerateObject().Select(p => p.Name)] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
