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
/// <remarks>
/// <see cref="Extra"/> is what the additional-info webhook said about the medium; <see cref="Supplemental"/> is a file the
/// webhook added (fetched from its URL, filed as <c>Supplemental Reported</c>).
/// </remarks>
public sealed record NcmecPlannedFile(
    int Index, string Key, string FileName, NcmecReportedMedia? Media, NcmecReportedThread? Thread,
    NcmecAdditionalMedia? Extra = null, NcmecAdditionalFile? Supplemental = null)
{
    /// <summary>Where the bytes come from (null for a transcript, which is built).</summary>
    public string? SourceUrl => Media?.Url ?? Supplemental?.FileUrl;
}

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
    /// <remarks>
    /// With the additional-info webhook's <paramref name="extra"/>: its screen name (else the user id), its emails and IP
    /// events next to the item's own, and its report-wide note after the reviewer's.
    /// </remarks>
    public static CyberTipReport BuildReport(NcmecReportRequest request, NcmecSettings settings, NcmecUserFacts user, DateTimeOffset now, NcmecAdditionalInfo? extra = null)
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
        var ipEvents = new List<CyberTipIpCaptureEvent>();
        if (Blank(user.IpAddress) is { } ip)
        {
            ipEvents.Add(new CyberTipIpCaptureEvent(ip, "Unknown", incidentAt));
        }

        ipEvents.AddRange((extra?.User?.IpCaptureEvents ?? []).Where(e => !ipEvents.Any(k => k.IpAddress == e.IpAddress && k.DateTime == e.DateTime)));
        var emails = new List<CyberTipEmail>(extra?.User?.Emails ?? []);
        if (Blank(user.Email) is { } email && !emails.Any(e => string.Equals(e.Address, email, StringComparison.OrdinalIgnoreCase)))
        {
            emails.Insert(0, new CyberTipEmail(email));
        }

        var reported = new CyberTipReportedUser(
            emails,
            request.UserItemId,
            Blank(settings.EspServiceName),
            ScreenName: Blank(extra?.User?.ScreenName) ?? request.UserItemId,
            Blank(user.DisplayName) is { } name ? [name] : [],
            ipEvents);
        var note = string.Join("\n\n", new[] { Blank(request.AdditionalInfo), Blank(extra?.AdditionalInfo) }.OfType<string>());
        return new CyberTipReport(
            new CyberTipIncidentSummary(request.IncidentType, Blank(request.EscalationReason), incidentAt),
            internet,
            new CyberTipReporter(settings.ReporterEmail ?? string.Empty, contact, Blank(settings.CompanyTemplate), Blank(settings.TermsOfService), Blank(settings.LegalUrl)),
            reported,
            Cap(Blank(note)));
    }

    /// <summary>
    /// Media first (in the reviewer's order; those the additional-info webhook says are missing are left out, under the
    /// webhook's file name when it gave one), then one CSV transcript per chosen thread, then the webhook's additional files.
    /// </summary>
    public static IReadOnlyList<NcmecPlannedFile> PlanFiles(NcmecReportRequest request, NcmecAdditionalInfo? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = new List<NcmecPlannedFile>();
        for (var i = 0; i < request.Media.Count; i++)
        {
            var about = extra?.For(request.Media[i]);
            if (about is { Missing: true })
            {
                continue;
            }

            var name = about?.FileName is { } given && SafeName(given) is { } safe && safe != "_" ? safe : FileNameOf(request.Media[i].Url, i);
            files.Add(new NcmecPlannedFile(files.Count, $"media:{i}", name, request.Media[i], null, about));
        }

        foreach (var thread in request.Threads ?? [])
        {
            files.Add(new NcmecPlannedFile(files.Count, $"thread:{thread.ThreadItemId}", SafeName(thread.ThreadItemId) + ".csv", null, thread));
        }

        var extraFiles = extra?.AdditionalFiles ?? [];
        for (var i = 0; i < extraFiles.Count; i++)
        {
            files.Add(new NcmecPlannedFile(files.Count, $"additional:{i}", SafeName(extraFiles[i].FileName), null, null, null, extraFiles[i]));
        }

        return files;
    }

    /// <summary>The <c>&lt;fileDetails&gt;</c> for one uploaded file.</summary>
    public static CyberTipFileDetails BuildFileDetails(string reportId, string fileId, NcmecPlannedFile file, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Media is { } media)
        {
            // NCMEC's schema allows ONE ipCaptureEvent per file: the item's own upload IP first, then the webhook's; the
            // others go into additionalInfo in words.
            var events = new List<CyberTipIpCaptureEvent>();
            if (Blank(media.IpAddress) is { } address)
            {
                events.Add(new CyberTipIpCaptureEvent(address, "Upload", media.CreatedAt is { } created ? Clamp(created, now) : null));
            }

            events.AddRange(file.Extra?.IpCaptureEvents ?? []);
            var hashes = (media.Hashes ?? []).ToList();
            if (file.Extra?.Hash is { } hash && !hashes.Any(h => string.Equals(h.HashType, hash.HashType, StringComparison.OrdinalIgnoreCase)
                && string.Equals(h.Value, hash.Value, StringComparison.OrdinalIgnoreCase)))
            {
                hashes.Add(hash);
            }

            var notes = (file.Extra?.AdditionalInfo ?? []).Select(n => Cap(n)!)
                .Concat(events.Skip(1).Select(DescribeIpEvent)).ToList();
            return new CyberTipFileDetails(
                reportId, fileId, file.FileName,
                FileViewedByEsp: media.Viewed,
                ExifViewedByEsp: null,
                PubliclyAvailable: file.Extra?.PubliclyAvailable,
                CyberTipFileRelevance.Reported,
                media.Annotations,
                media.Classification,
                hashes,
                events.FirstOrDefault(),
                notes);
        }

        // Supplemental files (the webhook's additional files, thread transcripts): context, with only their notes.
        IReadOnlyList<string> supplementalNotes = file.Supplemental is { } supplemental
            ? [.. supplemental.AdditionalInfo.Select(n => Cap(n)!)]
            : [$"Transcript of the conversation {file.Thread!.ThreadItemId} ({file.Thread.Messages.Count} messages), included by the reviewer as context."];
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
            supplementalNotes);
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

    private static string? Cap(string? value) =>
        value is { Length: > NcmecVocabulary.AdditionalInfoMaxLength } ? value[..NcmecVocabulary.AdditionalInfoMaxLength] : value;

    private static string DescribeIpEvent(CyberTipIpCaptureEvent e) =>
        $"Further IP capture event: {e.IpAddress}"
        + (e.Port is { } port ? $" port {port.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
        + (e.EventName is { } name ? $" ({name})" : string.Empty)
        + (e.DateTime is { } at ? $" at {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}" : string.Empty)
        + (e.PossibleProxy == true ? ", possibly a proxy" : string.Empty) + ".";

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
