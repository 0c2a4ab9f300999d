using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>What the reported user's item says about them, read by schema field role.</summary>
public sealed record NcmecUserFacts(string? DisplayName, string? Email, string? IpAddress)
{
    public static NcmecUserFacts None { get; } = new(null, null, null);
}

/// <summary>One file the pipeline sends: a reviewed medium or a thread transcript (CSV).</summary>
public sealed record NcmecPlannedFile(int Index, string Key, string FileName, NcmecReportedMedia? Media, NcmecReportedThread? Thread);

/// <summary>
/// Turns a reviewer's <see cref="NcmecReportRequest"/> and the org's <see cref="NcmecSettings"/> into what NCMEC's API
/// takes (the §2.12 mapping): the report, the files in order, and each file's details. Pure apart from
/// <see cref="LoadUserFactsAsync"/>.
/// </summary>
public sealed class NcmecReportBuilder(IDbContextFactory<CoopDbContext> factory, ItemTypeCatalog catalog)
{
    /// <summary>The user's display name, email and IP from the latest version of their item (nothing when the item is unknown).</summary>
    public async Task<NcmecUserFacts> LoadUserFactsAsync(string organizationId, string userItemTypeId, string userItemId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var latest = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == userItemTypeId && i.ItemId == userItemId)
            .Select(i => (long?)i.LatestSubmissionId).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return NcmecUserFacts.None;
        }

        var submission = await db.Set<ItemSubmission>().AsNoTracking().Where(s => s.Id == latest)
            .Select(s => new { s.Data, s.ItemTypeVersion, s.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (submission is null)
        {
            return NcmecUserFacts.None;
        }

        var type = await catalog.GetAsync(organizationId, userItemTypeId, submission.ItemTypeVersion, cancellationToken: cancellationToken);
        if (type is null || JsonNode.Parse(submission.Data) is not JsonObject data)
        {
            return new NcmecUserFacts(submission.DisplayName, null, null);
        }

        var roles = type.ExtractRoles(data);
        return new NcmecUserFacts(roles.DisplayName ?? submission.DisplayName, roles.Email, roles.IpAddress);
    }

    /// <summary>The <c>&lt;report&gt;</c> for <c>/submit</c>.</summary>
    public static CyberTipReport BuildReport(NcmecReportRequest request, NcmecSettings settings, NcmecUserFacts user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(user);
        var incidentAt = IncidentDateTime(request, now);
        var contact = Blank(settings.ContactFirstName) is null && Blank(settings.ContactLastName) is null
            && Blank(settings.ContactPhone) is null && Blank(settings.ContactEmail) is null
            ? null
            : new CyberTipContactPerson(Blank(settings.ContactFirstName), Blank(settings.ContactLastName), Blank(settings.ContactPhone), Blank(settings.ContactEmail));
        CyberTipInternetDetails? internet = settings.DefaultInternetDetailType is { } type
            ? new CyberTipInternetDetails(type, type == NcmecInternetDetailType.WebPage && IsCleanUrl(settings.MoreInfoUrl) ? settings.MoreInfoUrl : null)
            : null;
        var ipEvents = Blank(user.IpAddress) is { } ip ? new[] { new CyberTipIpCaptureEvent(ip, "Unknown", incidentAt) } : [];
        var reported = new CyberTipReportedUser(
            Blank(user.Email) is { } email ? [new CyberTipEmail(email)] : [],
            request.UserItemId,
            Blank(settings.EspServiceName),
            ScreenName: null,
            Blank(user.DisplayName) is { } name ? [name] : [],
            ipEvents);
        return new CyberTipReport(
            new CyberTipIncidentSummary(request.IncidentType, Blank(request.EscalationReason), incidentAt),
            internet,
            new CyberTipReporter(settings.ReporterEmail ?? string.Empty, contact, Blank(settings.CompanyTemplate), Blank(settings.TermsOfService), Blank(settings.LegalUrl)),
            reported,
            Blank(request.AdditionalInfo));
    }

    /// <summary>Media first (in the reviewer's order), then one CSV transcript per chosen thread.</summary>
    public static IReadOnlyList<NcmecPlannedFile> PlanFiles(NcmecReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = new List<NcmecPlannedFile>();
        for (var i = 0; i < request.Media.Count; i++)
        {
            files.Add(new NcmecPlannedFile(files.Count, $"media:{i}", FileNameOf(request.Media[i].Url, i), request.Media[i], null));
        }

        foreach (var thread in request.Threads ?? [])
        {
            files.Add(new NcmecPlannedFile(files.Count, $"thread:{thread.ThreadItemId}", SafeName(thread.ThreadItemId) + ".csv", null, thread));
        }

        return files;
    }

    /// <summary>The <c>&lt;fileDetails&gt;</c> for one uploaded file.</summary>
    public static CyberTipFileDetails BuildFileDetails(string reportId, string fileId, NcmecPlannedFile file, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Media is { } media)
        {
            CyberTipIpCaptureEvent? ip = Blank(media.IpAddress) is { } address
                ? new CyberTipIpCaptureEvent(address, "Upload", media.CreatedAt is { } created ? Clamp(created, now) : null)
                : null;
            return new CyberTipFileDetails(
                reportId, fileId, file.FileName,
                FileViewedByEsp: media.Viewed,
                ExifViewedByEsp: null,
                PubliclyAvailable: null,
                CyberTipFileRelevance.Reported,
                media.Annotations,
                media.Classification,
                media.Hashes ?? [],
                ip,
                []);
        }

        var thread = file.Thread!;
        return new CyberTipFileDetails(
            reportId, fileId, file.FileName,
            FileViewedByEsp: null,
            ExifViewedByEsp: null,
            PubliclyAvailable: null,
            CyberTipFileRelevance.SupplementalReported,
            NcmecFileAnnotations.None,
            null,
            [],
            null,
            [$"Transcript of the conversation {thread.ThreadItemId} ({thread.Messages.Count} messages), included by the reviewer as context."]);
    }

    /// <summary>A thread's messages as CSV (sent_at, author_id, item_id, text); cells that a spreadsheet would run as formulas are quoted with a leading apostrophe.</summary>
    public static byte[] TranscriptCsv(NcmecReportedThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var csv = new StringBuilder("sent_at,author_id,item_id,text\r\n");
        foreach (var message in thread.Messages.OrderBy(m => m.SentAt ?? DateTimeOffset.MinValue))
        {
            csv.Append(Cell(message.SentAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))).Append(',')
                .Append(Cell(message.AuthorId)).Append(',')
                .Append(Cell(message.ItemId)).Append(',')
                .Append(Cell(message.Text)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The latest media creation time, else now; always at least one second in the past.</summary>
    public static DateTimeOffset IncidentDateTime(NcmecReportRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = request.Media.Where(m => m.CreatedAt is not null).Select(m => m.CreatedAt!.Value).DefaultIfEmpty(now).Max();
        return Clamp(latest, now);
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset now)
    {
        var limit = now.ToUniversalTime().AddSeconds(-1);
        var utc = value.ToUniversalTime();
        return utc > limit ? limit : utc;
    }

    private static string FileNameOf(string url, int index)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var last = Uri.UnescapeDataString(uri.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() ?? string.Empty);
            if (SafeName(last) is { Length: > 0 } name && name != "_")
            {
                return name;
            }
        }

        return $"media-{index + 1}";
    }

    private static string SafeName(string value)
    {
        var cleaned = new string([.. value.Where(c => !char.IsControl(c) && c is not '/' and not '\\' and not '"')]).Trim();
        cleaned = cleaned.Length > 200 ? cleaned[..200] : cleaned;
        return cleaned.Length == 0 ? "_" : cleaned;
    }

    private static bool IsCleanUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url) && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
