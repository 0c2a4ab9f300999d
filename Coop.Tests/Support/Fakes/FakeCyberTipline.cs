using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Coop.Domain.ChildSafety;
using Coop.Tests.Support.Fakes.CyberTipline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MediaTypeHeaderValue = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;

namespace Coop.Tests.Support.Fakes;

/// <summary>
/// NCMEC's CyberTipline reporting API (<c>/ispws</c>) as a real HTTP server on loopback (Kestrel on 127.0.0.1:0),
/// following §5 of docs' reference: Basic auth, /status /submit /upload /fileinfo /finish /retract, report states with
/// expiry on a controllable clock, files hashed (MD5, SHA-256) and discarded, its own structural schema table and
/// business rules (4100 with Xerces-style descriptions), fault injection and an in-process inspection API. When
/// <c>CYBERTIP_FAKE_CAPTURE_DIR</c> is set, every XML document received is written there.
/// </summary>
public sealed class FakeCyberTipline : IAsyncDisposable
{
    public const string CaptureDirectoryVariable = "CYBERTIP_FAKE_CAPTURE_DIR";

    private static readonly XmlReaderSettings RequestXmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 4 * 1024 * 1024,
    };

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<long, ReportRecord> reports = [];
    private readonly ConcurrentQueue<FakeCyberTipCall> calls = new();
    private readonly List<FaultRule> faults = [];
    private readonly ConcurrentDictionary<string, int> callCounts = new(StringComparer.Ordinal);
    private long nextReportId = 900000001;
    private int sequence;

    private FakeCyberTipline(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The fake's clock (for "in the past" rules and expiry): real time, plus what tests advance it by.</summary>
    public FakeCyberTipClock Clock { get; } = new();

    public string Username { get; set; } = "coop-esp";

    public string Password { get; set; } = "correct horse battery staple";

    /// <summary>False: /submit answers 3100 (no authorization to make submissions).</summary>
    public bool CanSubmit { get; set; } = true;

    /// <summary>False: upload, fileinfo, finish and retract answer 3300.</summary>
    public bool CanUpdate { get; set; } = true;

    /// <summary>True: a failed login answers a reportResponse with code 2000 instead of an empty 401.</summary>
    public bool AuthFailureAsXml { get; set; }

    /// <summary>Where received XML documents are written (one file each); defaults to <c>CYBERTIP_FAKE_CAPTURE_DIR</c>.</summary>
    public string? CaptureDirectory { get; set; } = Environment.GetEnvironmentVariable(CaptureDirectoryVariable) is { Length: > 0 } dir ? dir : null;

    public IReadOnlyList<FakeCyberTipCall> Calls => [.. calls];

    /// <summary>
    /// Awaited as each call of a known endpoint arrives (with its path, e.g. "/upload"), before it is read or handled:
    /// tests look at what the caller had stored by then, hold a call, or move the clock.
    /// </summary>
    public Func<string, Task>? BeforeCall { get; set; }

    /// <summary>Every report the fake opened, by id, with its state as of the fake's clock.</summary>
    public IReadOnlyList<FakeCyberTipReport> Reports
    {
        get
        {
            lock (gate)
            {
                return [.. reports.Values.OrderBy(r => r.Id).Select(Snapshot)];
            }
        }
    }

    public static async Task<FakeCyberTipline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Limits.MaxRequestBodySize = null).UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeCyberTipline(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/ispws/");
        return fake;
    }

    /// <summary>Credentials for this fake (the right password unless <paramref name="password"/> is given).</summary>
    public CyberTipCredentials Credentials(string? password = null, NcmecEnvironment environment = NcmecEnvironment.Test) =>
        new(environment, BaseAddress, Username, password ?? Password);

    public FakeCyberTipReport? Report(string reportId)
    {
        lock (gate)
        {
            return long.TryParse(reportId, out var id) && reports.TryGetValue(id, out var record) ? Snapshot(record) : null;
        }
    }

    /// <summary>How many times <c>/finish</c> succeeded for the report (must never exceed 1).</summary>
    public int FinishedCount(string reportId) => Report(reportId)?.FinishedCount ?? 0;

    public IReadOnlyList<string> Endpoints => [.. calls.Select(c => c.Path)];

    public void AddFault(FakeCyberTipFault fault)
    {
        lock (gate)
        {
            faults.Add(new FaultRule(fault, fault.Times));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>Makes an open report expire now (as NCMEC's timeout would).</summary>
    public void Expire(string reportId)
    {
        lock (gate)
        {
            if (reports.TryGetValue(long.Parse(reportId, CultureInfo.InvariantCulture), out var record) && record.State == FakeReportState.Open)
            {
                record.State = FakeReportState.Expired;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var seq = Interlocked.Increment(ref sequence);
        var path = context.Request.Path.Value ?? "/";
        var endpoint = path.StartsWith("/ispws/", StringComparison.Ordinal) ? path["/ispws".Length..] : path;
        var call = new CallLog(seq, context.Request.Method, endpoint, context.Request.ContentType, requestId);
        context.Response.Headers["Request-ID"] = requestId;
        try
        {
            if (endpoint is not ("/status" or "/submit" or "/upload" or "/fileinfo" or "/finish" or "/retract"))
            {
                context.Response.StatusCode = 404;
                call.Status = 404;
                return;
            }

            if (!HttpMethods.Equals(context.Request.Method, endpoint == "/status" ? "GET" : "POST"))
            {
                context.Response.StatusCode = 405;
                call.Status = 405;
                return;
            }

            if (BeforeCall is { } hook)
            {
                await hook(endpoint);
            }

            var fault = TakeFault(endpoint);
            call.Fault = fault;
            if (fault is { Kind: FakeFaultKind.Delay })
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }

            call.Authorized = Authorized(context.Request);
            if (!call.Authorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"ispws\"";
                if (AuthFailureAsXml)
                {
                    await RespondAsync(context, call, Answer.Code(2000, "Authentication required"));
                }
                else
                {
                    context.Response.StatusCode = 401;
                    call.Status = 401;
                }

                return;
            }

            var answer = endpoint switch
            {
                "/status" => RespondFault(call) ?? Answer.Code(0, $"Remote User : {Username}, Remote Ip : {context.Connection.RemoteIpAddress}"),
                "/submit" => await SubmitAsync(context, call, seq),
                "/upload" => await UploadAsync(context, call),
                "/fileinfo" => await FileInfoAsync(context, call, seq),
                "/finish" => await FormCallAsync(context, call, Finish),
                _ => await FormCallAsync(context, call, Retract),
            };
            switch (fault?.Kind)
            {
                case FakeFaultKind.CommitThenDrop:
                    call.Status = answer.HttpStatus;
                    call.Code = answer.ResponseCode;
                    call.Dropped = true;
                    context.Abort();
                    return;
                case FakeFaultKind.HostileDoctype:
                    await WriteBodyAsync(context, call, 200, 0,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE reportResponse [<!ENTITY bait \"ENTITY-EXPANDED\">]>"
                        + "<reportResponse><responseCode>0</responseCode><responseDescription>&bait;</responseDescription><reportId>1</reportId></reportResponse>");
                    return;
                case FakeFaultKind.HtmlGateway:
                    context.Response.StatusCode = 502;
                    context.Response.ContentType = "text/html";
                    call.Status = 502;
                    await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
                    return;
                case FakeFaultKind.WrongMd5 when answer.Hash is not null:
                    answer = answer with { Hash = new string('0', 32) };
                    break;
                default:
                    break;
            }

            await RespondAsync(context, call, answer);
        }
        finally
        {
            calls.Enqueue(call.ToRecord());
        }
    }

    private async Task<Answer> SubmitAsync(HttpContext context, CallLog call, int seq)
    {
        var body = await ReadBodyAsync(context);
        call.Xml = Encoding.UTF8.GetString(body);
        Capture(seq, "submit", body);
        if (RespondFault(call) is { } forced)
        {
            return forced;
        }

        if (!CanSubmit)
        {
            return Answer.Code(3100, "User has no authorization to make submissions");
        }

        if (ParseXml(context, body, "report", out var document) is { } refused)
        {
            return refused;
        }

        var now = Clock.GetUtcNow();
        IReadOnlyList<string> errors;
        lock (gate)
        {
            errors = FakeCyberTipRules.CheckReport(document!, now, id => reports.ContainsKey(id));
        }

        if (errors.Count > 0)
        {
            return ValidationFailed(errors);
        }

        lock (gate)
        {
            var id = nextReportId++;
            reports[id] = new ReportRecord(id, now, call.Xml, document!.Root!.Element("batchedReport") is not null);
            return Answer.Code(0, "Success") with { ReportId = id.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private async Task<Answer> UploadAsync(HttpContext context, CallLog call)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || mediaType.Boundary.Value is not { Length: > 0 } boundary)
        {
            await ReadBodyAsync(context);
            return Answer.Code(4200, "Malformed file submittal");
        }

        string? idText = null;
        string? fileName = null;
        string? contentType = null;
        long size = 0;
        string? md5 = null, sha256 = null;
        var reader = new MultipartReader(boundary.Trim('"'), context.Request.Body);
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = disposition.Name?.Trim('"');
            if (name == "id")
            {
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                idText = (await text.ReadToEndAsync(context.RequestAborted)).Trim();
                call.Form["id"] = idText;
            }
            else if (name == "file")
            {
                fileName = (disposition.FileNameStar ?? disposition.FileName)?.Trim('"');
                contentType = section.ContentType;
                using var hashMd5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                using var hashSha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await section.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    hashMd5.AppendData(buffer, 0, read);
                    hashSha.AppendData(buffer, 0, read);
                    size += read;
                }

                md5 = Convert.ToHexStringLower(hashMd5.GetHashAndReset());
                sha256 = Convert.ToHexStringLower(hashSha.GetHashAndReset());
                call.Form["file"] = $"{fileName} ({size} bytes)";
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
        }

        if (RespondFault(call) is { } forced)
        {
            return forced;
        }

        if (!CanUpdate)
        {
            return Answer.Code(3300, "User has no authorization to make updates");
        }

        if (idText is null || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var reportId))
        {
            return Answer.Code(4000, "Invalid request");
        }

        if (md5 is null || string.IsNullOrEmpty(fileName) || size == 0)
        {
            return Answer.Code(4200, "Malformed file submittal");
        }

        lock (gate)
        {
            if (OpenReport(reportId, out var record) is { } refused)
            {
                return refused;
            }

            var now = Clock.GetUtcNow();
            var fileId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            record!.Files.Add(new FileRecord(new FakeCyberTipFile(fileId, fileName, contentType, size, md5, sha256!, now, null)));
            record.LastModifiedAt = now;
            return Answer.Code(0, "Success") with { ReportId = idText, FileId = fileId, Hash = md5 };
        }
    }

    private async Task<Answer> FileInfoAsync(HttpContext context, CallLog call, int seq)
    {
        var body = await ReadBodyAsync(context);
        call.Xml = Encoding.UTF8.GetString(body);
        Capture(seq, "fileinfo", body);
        if (RespondFault(call) is { } forced)
        {
            return forced;
        }

        if (!CanUpdate)
        {
            return Answer.Code(3300, "User has no authorization to make updates");
        }

        if (ParseXml(context, body, "fileDetails", out var document) is { } refused)
        {
            return refused;
        }

        var errors = FakeCyberTipRules.CheckFileDetails(document!, Clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return ValidationFailed(errors);
        }

        var root = document!.Root!;
        var reportId = long.Parse(root.Element("reportId")!.Value.Trim(), CultureInfo.InvariantCulture);
        var fileId = root.Element("fileId")!.Value.Trim();
        lock (gate)
        {
            if (OpenReport(reportId, out var record) is { } gone)
            {
                return gone;
            }

            var file = record!.Files.FirstOrDefault(f => f.File.FileId == fileId);
            if (file is null)
            {
                return Answer.Code(5002, "File does not exist");
            }

            if (file.File.FileDetailsXml is not null)
            {
                return Answer.Code(4000, "Invalid request: file details were already given for this file");
            }

            if (record.Batched && root.Elements().Any(e => e.Name.LocalName is "originalFileName" or "locationOfFile" or "originalFileHash" or "ipCaptureEvent" or "deviceId" or "details" or "additionalInfo"))
            {
                return ValidationFailed([FakeCyberTipSchema.At(root, "A batched report's file may not carry originalFileName, locationOfFile, originalFileHash, ipCaptureEvent, deviceId, details or additionalInfo.")]);
            }

            file.File = file.File with { FileDetailsXml = call.Xml };
            record.LastModifiedAt = Clock.GetUtcNow();
            return Answer.Code(0, "Success") with { ReportId = reportId.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private async Task<Answer> FormCallAsync(HttpContext context, CallLog call, Func<long, Answer> act)
    {
        string? idText = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form)
            {
                call.Form[key] = value.ToString();
            }

            call.Form["(encoding)"] = context.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? "multipart" : "urlencoded";
            idText = form["id"].ToString().Trim();
        }
        else
        {
            await ReadBodyAsync(context);
        }

        if (RespondFault(call) is { } forced)
        {
            return forced;
        }

        if (!CanUpdate)
        {
            return Answer.Code(3300, "User has no authorization to make updates");
        }

        if (string.IsNullOrEmpty(idText) || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var reportId))
        {
            return Answer.Code(4000, "Invalid request");
        }

        lock (gate)
        {
            return act(reportId);
        }
    }

    private Answer Finish(long reportId)
    {
        if (OpenReport(reportId, out var record) is { } refused)
        {
            return refused;
        }

        if (record!.Batched && record.Files.Count != 1)
        {
            return ValidationFailed(["[1,1] - A batched report must have exactly one file."]);
        }

        var now = Clock.GetUtcNow();
        record.State = FakeReportState.Finished;
        record.FinishedAt = now;
        record.FinishedCount++;
        return new Answer(200, 0, null, reportId.ToString(CultureInfo.InvariantCulture), null, null, [.. record.Files.Select(f => f.File.FileId)], Done: true);
    }

    private Answer Retract(long reportId)
    {
        if (OpenReport(reportId, out var record) is { } refused)
        {
            return refused;
        }

        record!.State = FakeReportState.Retracted;
        record.RetractedAt = Clock.GetUtcNow();
        return Answer.Code(0, "Success") with { ReportId = reportId.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>The report if it exists and is open; otherwise the answer NCMEC gives (5001, 5101, 5102). Call under the lock.</summary>
    private Answer? OpenReport(long reportId, out ReportRecord? record)
    {
        if (!reports.TryGetValue(reportId, out record))
        {
            return Answer.Code(5001, "Report does not exist");
        }

        ApplyExpiry(record);
        return record.State switch
        {
            FakeReportState.Open => null,
            FakeReportState.Finished => Answer.Code(5102, "Report already finished"),
            FakeReportState.Retracted => Answer.Code(5101, "Report already retracted"),
            _ => Answer.Code(5001, "Report does not exist"),
        };
    }

    /// <summary>An open report expires 24 h after it was opened or 1 h after its last change, whichever is later.</summary>
    private void ApplyExpiry(ReportRecord record)
    {
        var deadline = Max(record.OpenedAt + TimeSpan.FromHours(24), record.LastModifiedAt + TimeSpan.FromHours(1));
        if (record.State == FakeReportState.Open && Clock.GetUtcNow() > deadline)
        {
            record.State = FakeReportState.Expired;
        }
    }

    private FakeCyberTipReport Snapshot(ReportRecord record)
    {
        ApplyExpiry(record);
        return new FakeCyberTipReport(
            record.Id.ToString(CultureInfo.InvariantCulture), record.State, record.OpenedAt, record.LastModifiedAt, record.FinishedAt,
            record.RetractedAt, record.Xml, [.. record.Files.Select(f => f.File)], record.FinishedCount);
    }

    /// <summary>Content-Type, well-formedness (no DTD), root: 4000, 4110 or 4100; then the structural schema (4100).</summary>
    private static Answer? ParseXml(HttpContext context, byte[] body, string root, out XDocument? document)
    {
        document = null;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || mediaType.MediaType.Value is not ("text/xml" or "application/xml"))
        {
            return Answer.Code(4000, "Invalid request: Content-Type must be text/xml");
        }

        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, RequestXmlSettings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return Answer.Code(4110, $"Malformed XML submittal [{ex.LineNumber},{ex.LinePosition}]");
        }

        var errors = FakeCyberTipSchema.Validate(document, root);
        return errors.Count > 0 ? ValidationFailed(errors) : null;
    }

    private static Answer ValidationFailed(IReadOnlyList<string> errors) =>
        new(400, 4100, "Validation failed " + string.Join("; ", errors), null, null, null, null, Done: false);

    private static Answer? RespondFault(CallLog call) => call.Fault is { Kind: FakeFaultKind.Respond } fault
        ? new Answer(fault.HttpStatus, fault.ResponseCode, fault.ResponseCode is null ? null : fault.Description ?? "Injected failure", null, null, null, null, Done: false)
        : null;

    private FakeCyberTipFault? TakeFault(string endpoint)
    {
        var number = callCounts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        lock (gate)
        {
            var rule = faults.FirstOrDefault(f => f.Remaining > 0 && f.Fault.Endpoint == endpoint && (f.Fault.OnCall is null || f.Fault.OnCall == number));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Fault;
        }
    }

    private bool Authorized(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            return pair == $"{Username}:{Password}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private void Capture(int seq, string endpoint, byte[] body)
    {
        if (CaptureDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(System.IO.Path.Combine(dir, $"{seq:D5}-{endpoint}.xml"), body);
        }
    }

    private static int StatusFor(int code) => code switch
    {
        0 => 200,
        2000 => 401,
        5001 or 5002 => 404,
        5101 or 5102 => 409,
        >= 1000 and < 2000 => 500,
        >= 3000 and < 4000 => 403,
        >= 4000 and < 5000 => 400,
        _ => 500,
    };

    private static async Task RespondAsync(HttpContext context, CallLog call, Answer answer)
    {
        call.Description = answer.Description;
        if (answer.ResponseCode is not { } code)
        {
            context.Response.StatusCode = answer.HttpStatus;
            call.Status = answer.HttpStatus;
            return;
        }

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true };
        using var text = new MemoryStream();
        await using (var writer = XmlWriter.Create(text, settings))
        {
            await writer.WriteStartDocumentAsync(standalone: true);
            if (answer.Done)
            {
                writer.WriteStartElement("reportDoneResponse");
                writer.WriteElementString("responseCode", "0");
                writer.WriteElementString("reportId", answer.ReportId);
                writer.WriteStartElement("files");
                foreach (var fileId in answer.Files ?? [])
                {
                    writer.WriteElementString("fileId", fileId);
                }

                writer.WriteEndElement();
            }
            else
            {
                writer.WriteStartElement("reportResponse");
                writer.WriteElementString("responseCode", code.ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("responseDescription", answer.Description ?? string.Empty);
                if (answer.ReportId is { } reportId)
                {
                    writer.WriteElementString("reportId", reportId);
                }

                if (answer.FileId is { } fileId)
                {
                    writer.WriteElementString("fileId", fileId);
                }

                if (answer.Hash is { } hash)
                {
                    writer.WriteElementString("hash", hash);
                }
            }

            await writer.WriteEndElementAsync();
            await writer.WriteEndDocumentAsync();
        }

        await WriteBodyAsync(context, call, answer.HttpStatus, code, Encoding.UTF8.GetString(text.ToArray()));
    }

    private static async Task WriteBodyAsync(HttpContext context, CallLog call, int status, int code, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=UTF-8";
        call.Status = status;
        call.Code = code;
        await context.Response.WriteAsync(body, Encoding.UTF8);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Answer(
        int HttpStatus, int? ResponseCode, string? Description, string? ReportId, string? FileId, string? Hash, IReadOnlyList<string>? Files, bool Done)
    {
        public static Answer Code(int code, string description) => new(StatusFor(code), code, description, null, null, null, null, Done: false);
    }

    private sealed class FaultRule(FakeCyberTipFault fault, int remaining)
    {
        public FakeCyberTipFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }

    private sealed class ReportRecord(long id, DateTimeOffset openedAt, string xml, bool batched)
    {
        public long Id { get; } = id;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public DateTimeOffset LastModifiedAt { get; set; } = openedAt;

        public DateTimeOffset? FinishedAt { get; set; }

        public DateTimeOffset? RetractedAt { get; set; }

        public FakeReportState State { get; set; } = FakeReportState.Open;

        public string Xml { get; } = xml;

        public bool Batched { get; } = batched;

        public List<FileRecord> Files { get; } = [];

        public int FinishedCount { get; set; }
    }

    private sealed class FileRecord(FakeCyberTipFile file)
    {
        public FakeCyberTipFile File { get; set; } = file;
    }

    private sealed class CallLog(int sequence, string method, string path, string? contentType, string requestId)
    {
        public Dictionary<string, string> Form { get; } = new(StringComparer.Ordinal);

        public string? Xml { get; set; }

        public bool Authorized { get; set; }

        public int Status { get; set; }

        public int? Code { get; set; }

        public string? Description { get; set; }

        public bool Dropped { get; set; }

        public FakeCyberTipFault? Fault { get; set; }

        public FakeCyberTipCall ToRecord() =>
            new(sequence, method, path, contentType, Xml, Form, requestId, Authorized, Status, Code, Description, Dropped);
    }
}
