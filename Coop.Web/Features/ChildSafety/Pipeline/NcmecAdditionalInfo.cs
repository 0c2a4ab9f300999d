using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Webhooks;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>
/// The platform's additional-info webhook answer, validated and reduced to what the report uses: the reported user's
/// screen name, emails and IP events; per medium its file name, public availability, notes, IP events and hash (or that
/// it is missing); extra files to send as <c>Supplemental Reported</c>; a note for the whole report. Stored as JSON on
/// the submission before <c>/submit</c>.
/// </summary>
public sealed record NcmecAdditionalInfo(
    NcmecAdditionalUser? User,
    IReadOnlyList<NcmecAdditionalMedia> Media,
    IReadOnlyList<NcmecAdditionalFile> AdditionalFiles,
    string? AdditionalInfo)
{
    public static NcmecAdditionalInfo? FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<NcmecAdditionalInfo>(json);

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The answer's entry for a reported medium: one naming its URL, else one for its item.</summary>
    public NcmecAdditionalMedia? For(NcmecReportedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var ofItem = Media.Where(m => m.ItemId == media.ItemId && m.ItemTypeId == media.ItemTypeId).ToList();
        return ofItem.FirstOrDefault(m => m.Url == media.Url) ?? ofItem.FirstOrDefault(m => m.Url is null);
    }
}

public sealed record NcmecAdditionalUser(string? ScreenName, IReadOnlyList<CyberTipEmail> Emails, IReadOnlyList<CyberTipIpCaptureEvent> IpCaptureEvents);

/// <summary>One <c>media[]</c> entry; <see cref="Url"/> narrows it to one file of the item when the platform gave it.</summary>
public sealed record NcmecAdditionalMedia(
    string ItemId,
    string ItemTypeId,
    string? Url,
    bool Missing,
    bool? PubliclyAvailable,
    string? FileName,
    IReadOnlyList<string> AdditionalInfo,
    IReadOnlyList<CyberTipIpCaptureEvent> IpCaptureEvents,
    CyberTipFileHash? Hash);

/// <summary>One <c>additionalFiles[]</c> entry: fetched from <see cref="FileUrl"/> and filed as supplemental.</summary>
public sealed record NcmecAdditionalFile(string FileUrl, string FileName, IReadOnlyList<string> AdditionalInfo);

/// <summary>How asking the webhook went.</summary>
public enum NcmecAdditionalInfoStatus
{
    Ok = 0,

    /// <summary>Unreachable, timed out, 5xx, 429: try again later.</summary>
    Transient = 1,

    /// <summary>The answer is not what Coop asked for (an entry missing, not JSON, a 4xx): a person must look.</summary>
    Invalid = 2,

    /// <summary>Every medium came back <c>missing</c>: there is nothing to report, so nothing is filed.</summary>
    AllMediaMissing = 3,
}

public sealed record NcmecAdditionalInfoResult(NcmecAdditionalInfoStatus Status, NcmecAdditionalInfo? Info, string? Problem)
{
    public static NcmecAdditionalInfoResult Ok(NcmecAdditionalInfo info) => new(NcmecAdditionalInfoStatus.Ok, info, null);

    public static NcmecAdditionalInfoResult Fail(NcmecAdditionalInfoStatus status, string problem) => new(status, null, problem);
}

/// <summary>
/// Asks the organization's additional-info webhook about a submission: POSTs <c>{users:[{id,typeId}], media:[{id,typeId,field,url}]}</c>
/// signed with the org's key (<c>Coop-Signature</c>, as action callbacks) through the SSRF-guarded webhook client, and
/// checks the answer names the user and every medium.
/// </summary>
public sealed class NcmecAdditionalInfoClient(IHttpClientFactory clients, IWebhookSigner signer)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const int MaxBodyBytes = 1 << 20;
    private const int MaxListed = 5;
    private static readonly HashSet<string> EmailTypes = new(["Home", "Work", "Business", "Recovery"], StringComparer.Ordinal);
    private static readonly HashSet<string> EventNames = new(["Login", "Registration", "Purchase", "Upload", "Other", "Unknown"], StringComparer.Ordinal);

    /// <summary>The request body for <paramref name="request"/> (one media entry per reported file).</summary>
    public static byte[] RequestBody(NcmecReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            users = new[] { new { id = request.UserItemId, typeId = request.UserItemTypeId } },
            media = request.Media.Select(m => new { id = m.ItemId, typeId = m.ItemTypeId, field = m.Field, url = m.Url }),
        });
    }

    public async Task<NcmecAdditionalInfoResult> FetchAsync(string organizationId, string webhookUrl, NcmecReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Invalid, "The additional-info webhook URL is not an absolute http(s) URL: an administrator must fix it in Settings → Child Safety.");
        }

        var body = RequestBody(request);
        byte[] answer;
        try
        {
            var signature = await signer.SignAsync(organizationId, body, cancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.TryAddWithoutValidation(NcmecSubmissionProcessor.SignatureHeader, signature);
            message.Headers.TryAddWithoutValidation("User-Agent", "Coop-ChildSafety/1.0");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await clients.CreateClient(OutboundHttp.Webhooks).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 500 or 408 or 429)
            {
                return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Transient, $"The additional-info webhook answered HTTP {status}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Invalid,
                    $"The additional-info webhook refused the request (HTTP {status}); the platform must fix its endpoint (or its copy of Coop's signing key), then retry.");
            }

            answer = await ReadCappedAsync(response, timeout.Token);
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is not null)
        {
            return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Invalid, "The additional-info webhook URL points to an address Coop may not call (Outbound:AllowedNetworks).");
        }
        catch (InvalidDataException)
        {
            return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Invalid, $"The additional-info webhook's answer is larger than {MaxBodyBytes / 1024} KiB.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Security.Cryptography.CryptographicException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Transient, $"The additional-info webhook could not be reached ({ex.GetType().Name}).");
        }

        return Parse(answer, request);
    }

    /// <summary>Validates and reduces an answer: an entry for the user and every medium, else <see cref="NcmecAdditionalInfoStatus.Invalid"/>.</summary>
    public static NcmecAdditionalInfoResult Parse(ReadOnlySpan<byte> answer, NcmecReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonObject root;
        try
        {
            if (JsonNode.Parse(answer) is not JsonObject parsed)
            {
                return Invalid("it is not a JSON object");
            }

            root = parsed;
        }
        catch (JsonException)
        {
            return Invalid("it is not JSON");
        }

        var problems = new List<string>();
        var users = Objects(root["users"], "users", problems);
        var userEntry = users.FirstOrDefault(u => Str(u["id"]) == request.UserItemId && Str(u["typeId"]) == request.UserItemTypeId);
        if (userEntry is null)
        {
            problems.Add($"it has no users[] entry for the reported user {request.UserItemTypeId}/{request.UserItemId}");
        }

        var mediaEntries = Objects(root["media"], "media", problems);
        var media = mediaEntries.Select(m => new NcmecAdditionalMedia(
            Str(m["id"]) ?? string.Empty, Str(m["typeId"]) ?? string.Empty, Str(m["url"]),
            m["missing"] is JsonValue missing && missing.TryGetValue<bool>(out var isMissing) && isMissing,
            m["publiclyAvailable"] is JsonValue pub && pub.TryGetValue<bool>(out var isPublic) ? isPublic : null,
            Blank(Str(m["fileName"])),
            Texts(m["additionalInfo"]),
            IpEvents(m["ipCaptureEvent"]),
            Hash(m["fileDetails"]))).ToList();
        var info = new NcmecAdditionalInfo(null, media, [], null);
        var unanswered = request.Media.Where(m => info.For(m) is null).Select(m => $"{m.ItemTypeId}/{m.ItemId}").Distinct().ToList();
        if (unanswered.Count > 0)
        {
            problems.Add($"it has no media[] entry for {unanswered.Count} reported item(s): {string.Join(", ", unanswered.Take(MaxListed))}{(unanswered.Count > MaxListed ? ", …" : string.Empty)}");
        }

        var files = new List<NcmecAdditionalFile>();
        foreach (var file in Objects(root["additionalFiles"], "additionalFiles", problems))
        {
            var url = Str(file["fileUrl"]);
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add("an additionalFiles[] entry has no absolute http(s) fileUrl");
                continue;
            }

            files.Add(new NcmecAdditionalFile(url, Blank(Str(file["fileName"])) ?? $"supplemental-{files.Count + 1}", Texts(file["additionalInfo"])));
        }

        if (problems.Count > 0)
        {
            return Invalid(string.Join("; ", problems));
        }

        if (request.Media.Count > 0 && request.Media.All(m => info.For(m)!.Missing))
        {
            return NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.AllMediaMissing,
                "The platform's additional-info webhook says every reported file is missing (deleted or unavailable), so there is nothing to report: nothing was filed.");
        }

        var user = new NcmecAdditionalUser(
            Blank(Str(userEntry!["screenName"])),
            Emails(userEntry["email"]),
            IpEvents(userEntry["ipCaptureEvent"]));
        var note = root["additionalInfo"] switch
        {
            JsonArray array => Blank(string.Join("\n", Texts(array))),
            var other => Blank(Str(other)),
        };
        return NcmecAdditionalInfoResult.Ok(info with { User = user, AdditionalFiles = files, AdditionalInfo = note });
    }

    private static NcmecAdditionalInfoResult Invalid(string why) =>
        NcmecAdditionalInfoResult.Fail(NcmecAdditionalInfoStatus.Invalid,
            $"The platform's additional-info webhook gave an incomplete or invalid answer: {why}. Nothing was sent to NCMEC; the platform must fix its endpoint, then retry.");

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException("The answer is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static List<JsonObject> Objects(JsonNode? node, string name, List<string> problems)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray array when array.All(e => e is JsonObject):
                return [.. array.Cast<JsonObject>()];
            default:
                problems.Add($"{name} is not a list of objects");
                return [];
        }
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.String ? value.GetValue<string>()
        : node is JsonValue number && number.GetValueKind() is JsonValueKind.Number ? number.ToJsonString()
        : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Texts(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(Str).Select(Blank).OfType<string>()],
        _ when Blank(Str(node)) is { } one => [one],
        _ => [],
    };

    private static List<CyberTipEmail> Emails(JsonNode? node)
    {
        var emails = new List<CyberTipEmail>();
        foreach (var entry in node is JsonArray array ? array : node is null ? new JsonArray() : new JsonArray(node.DeepClone()))
        {
            if (Blank(Str(entry)) is { } plain)
            {
                emails.Add(new CyberTipEmail(plain));
            }
            else if (entry is JsonObject o && Blank(Str(o["email"])) is { } address)
            {
                var verified = o["verified"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : (bool?)null;
                var verifiedAt = Date(o["verificationDate"]);
                emails.Add(new CyberTipEmail(address, Str(o["type"]) is { } type && EmailTypes.Contains(type) ? type : null,
                    verified, verified == true ? verifiedAt : null));
            }
        }

        return emails;
    }

    private static List<CyberTipIpCaptureEvent> IpEvents(JsonNode? node)
    {
        var events = new List<CyberTipIpCaptureEvent>();
        foreach (var entry in node is JsonArray array ? array : node is JsonObject single ? new JsonArray(single.DeepClone()) : new JsonArray())
        {
            if (entry is JsonObject o && Blank(Str(o["ipAddress"])) is { } ip)
            {
                var name = Str(o["eventName"]);
                events.Add(new CyberTipIpCaptureEvent(ip, name is not null && EventNames.Contains(name) ? name : null, Date(o["dateTime"]),
                    o["possibleProxy"] is JsonValue p && p.TryGetValue<bool>(out var proxy) ? proxy : null,
                    o["port"] is JsonValue port && port.TryGetValue<int>(out var number) ? number : null));
            }
        }

        return events;
    }

    private static CyberTipFileHash? Hash(JsonNode? node) =>
        node is JsonObject o && Blank(Str(o["hash"])) is { } hash && Blank(Str(o["hashType"])) is { } type ? new CyberTipFileHash(type, hash) : null;

    private static DateTimeOffset? Date(JsonNode? node) =>
        Str(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
}
