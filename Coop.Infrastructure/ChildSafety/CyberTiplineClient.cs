using System.Net.Http.Headers;
using System.Text;
using Coop.Domain.ChildSafety;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>
/// NCMEC's CyberTipline reporting API over HTTP: Basic auth per call from the credentials given, XML written by
/// <see cref="CyberTipXml"/> and checked by the validator first, uploads streamed while hashed, responses parsed
/// without DTDs and classified into <see cref="CyberTipFailureKind"/>. Logs name the endpoint, status, code and
/// Request-ID only: never a body, a report or a credential.
/// </summary>
public sealed partial class CyberTiplineClient(
    HttpClient http,
    ICyberTipReportValidator validator,
    TimeProvider time,
    IOptions<CyberTiplineOptions> options,
    ILogger<CyberTiplineClient> logger) : ICyberTiplineClient
{
    /// <summary>The name of the typed client's HttpClient in IHttpClientFactory.</summary>
    public const string HttpClientName = "cybertipline";

    public const int DescriptionMaxLength = 200;

    private static readonly MediaTypeHeaderValue XmlContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");

    private enum Endpoint
    {
        Status,
        Submit,
        Upload,
        FileInfo,
        Finish,
        Retract,
    }

    public async Task<CyberTipOutcome<string>> StatusAsync(CyberTipCredentials credentials, CancellationToken cancellationToken)
    {
        var call = await SendAsync(credentials, Endpoint.Status, () => null, options.Value.Timeout, cancellationToken);
        return call.Failure is { } failure
            ? CyberTipOutcome.Fail<string>(failure, call.RequestId)
            : CyberTipOutcome.Ok(call.Response!.ResponseDescription ?? "Success", call.RequestId);
    }

    public async Task<CyberTipOutcome<string>> SubmitAsync(CyberTipCredentials credentials, CyberTipReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = validator.Validate(report, time.GetUtcNow());
        if (problems.Count > 0)
        {
            return CyberTipOutcome.Fail<string>(Local(problems), null);
        }

        var xml = CyberTipXml.WriteReport(report);
        return await SendXmlForReportIdAsync(credentials, Endpoint.Submit, xml, cancellationToken);
    }

    public async Task<CyberTipOutcome<string>> FileInfoAsync(CyberTipCredentials credentials, CyberTipFileDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = validator.Validate(details, time.GetUtcNow());
        if (problems.Count > 0)
        {
            return CyberTipOutcome.Fail<string>(Local(problems), null);
        }

        var xml = CyberTipXml.WriteFileDetails(details);
        return await SendXmlForReportIdAsync(credentials, Endpoint.FileInfo, xml, cancellationToken);
    }

    /// <summary>
    /// Sends an already written <c>&lt;report&gt;</c> document to <c>/submit</c> without the local validator: for
    /// diagnostics and tests that must see how NCMEC (or the fake) judges a document.
    /// </summary>
    public Task<CyberTipOutcome<string>> SubmitRawAsync(CyberTipCredentials credentials, byte[] reportXml, CancellationToken cancellationToken) =>
        SendXmlForReportIdAsync(credentials, Endpoint.Submit, reportXml, cancellationToken);

    /// <summary>Sends an already written <c>&lt;fileDetails&gt;</c> document to <c>/fileinfo</c> without the local validator.</summary>
    public Task<CyberTipOutcome<string>> FileInfoRawAsync(CyberTipCredentials credentials, byte[] fileDetailsXml, CancellationToken cancellationToken) =>
        SendXmlForReportIdAsync(credentials, Endpoint.FileInfo, fileDetailsXml, cancellationToken);

    public async Task<CyberTipOutcome<CyberTipUpload>> UploadAsync(
        CyberTipCredentials credentials, string reportId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        using var hashing = new Md5CountingStream(content);
        var call = await SendAsync(
            credentials,
            Endpoint.Upload,
            () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(new StringContent(reportId, Encoding.UTF8), "id");
                var file = new StreamContent(hashing);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "file", SafeFileName(fileName));
                return form;
            },
            options.Value.UploadTimeout,
            cancellationToken);
        if (call.Failure is { } failure)
        {
            return CyberTipOutcome.Fail<CyberTipUpload>(failure, call.RequestId);
        }

        var response = call.Response!;
        var local = hashing.Md5Hex();
        if (string.IsNullOrWhiteSpace(response.FileId))
        {
            return CyberTipOutcome.Fail<CyberTipUpload>(
                new CyberTipFailure(CyberTipFailureKind.Transient, call.HttpStatus, 0, "/upload: NCMEC answered success without a file id."), call.RequestId);
        }

        if (response.Hash is { Length: > 0 } remote && !string.Equals(remote, local, StringComparison.OrdinalIgnoreCase))
        {
            LogMd5Mismatch(logger, reportId, response.FileId, call.RequestId);
            return CyberTipOutcome.Fail<CyberTipUpload>(
                new CyberTipFailure(CyberTipFailureKind.Transient, call.HttpStatus, 0,
                    $"/upload: NCMEC received a different file than was sent (MD5 mismatch, {hashing.BytesRead} bytes sent); upload it again."),
                call.RequestId);
        }

        return CyberTipOutcome.Ok(new CyberTipUpload(response.FileId, response.Hash, local, hashing.BytesRead), call.RequestId);
    }

    public async Task<CyberTipOutcome<CyberTipFinish>> FinishAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        var call = await SendAsync(credentials, Endpoint.Finish, () => IdForm(reportId), options.Value.Timeout, cancellationToken);
        if (call.Failure is { ResponseCode: 5102 })
        {
            return CyberTipOutcome.Ok(new CyberTipFinish(reportId, [], call.BodyText ?? string.Empty, AlreadyFinished: true), call.RequestId);
        }

        if (call.Failure is { } failure)
        {
            return CyberTipOutcome.Fail<CyberTipFinish>(failure, call.RequestId);
        }

        var response = call.Response!;
        return CyberTipOutcome.Ok(
            new CyberTipFinish(response.ReportId ?? reportId, response.FileIds, call.BodyText ?? string.Empty, AlreadyFinished: false),
            call.RequestId);
    }

    public async Task<CyberTipOutcome<string>> RetractAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        var call = await SendAsync(credentials, Endpoint.Retract, () => IdForm(reportId), options.Value.Timeout, cancellationToken);
        if (call.Failure is { ResponseCode: 5101 })
        {
            return CyberTipOutcome.Ok(reportId, call.RequestId);
        }

        return call.Failure is { } failure
            ? CyberTipOutcome.Fail<string>(failure, call.RequestId)
            : CyberTipOutcome.Ok(call.Response!.ReportId ?? reportId, call.RequestId);
    }

    private async Task<CyberTipOutcome<string>> SendXmlForReportIdAsync(
        CyberTipCredentials credentials, Endpoint endpoint, byte[] xml, CancellationToken cancellationToken)
    {
        var call = await SendAsync(
            credentials,
            endpoint,
            () =>
            {
                var body = new ByteArrayContent(xml);
                body.Headers.ContentType = XmlContentType;
                return body;
            },
            options.Value.Timeout,
            cancellationToken);
        if (call.Failure is { } failure)
        {
            return CyberTipOutcome.Fail<string>(failure, call.RequestId);
        }

        return string.IsNullOrWhiteSpace(call.Response!.ReportId)
            ? CyberTipOutcome.Fail<string>(
                new CyberTipFailure(CyberTipFailureKind.Transient, call.HttpStatus, 0, $"{Path(endpoint)}: NCMEC answered success without a report id."),
                call.RequestId)
            : CyberTipOutcome.Ok(call.Response.ReportId, call.RequestId);
    }

    private async Task<Call> SendAsync(
        CyberTipCredentials credentials, Endpoint endpoint, Func<HttpContent?> content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using var request = new HttpRequestMessage(endpoint == Endpoint.Status ? HttpMethod.Get : HttpMethod.Post, Target(credentials.BaseUri, endpoint));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        request.Headers.Accept.ParseAdd("text/xml");
        request.Content = content();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var path = Path(endpoint);
        string? requestId = null;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            requestId = response.Headers.TryGetValues("Request-ID", out var ids) ? ids.FirstOrDefault() : null;
            var status = (int)response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync(timeoutSource.Token);
            var body = await CyberTipResponse.ReadCappedAsync(stream, options.Value.MaxResponseBytes, timeoutSource.Token);
            if (body is null)
            {
                return Failed(endpoint, UnreadableKind(endpoint, status), status, null, $"{path}: HTTP {status}, the response was too large to read.", requestId);
            }

            var parsed = CyberTipResponse.TryParse(body, out var problem);
            if (parsed?.ResponseCode is not { } code)
            {
                var kind = status is 401 or 403 ? CyberTipFailureKind.Credential
                    : status is 400 ? CyberTipFailureKind.Validation
                    : UnreadableKind(endpoint, status);
                return Failed(endpoint, kind, status, null, $"{path}: HTTP {status}, {problem ?? "the response had no response code"}.", requestId);
            }

            if (code == 0 && status is >= 200 and < 300)
            {
                LogCall(logger, path, status, code, requestId);
                Telemetry.CoopMetrics.RecordCyberTiplineCall(endpoint.ToString(), "Ok");
                return new Call(parsed, status, null, requestId, CyberTipResponse.Decode(body));
            }

            var failureKind = Classify(endpoint, status, code);
            var words = parsed.ResponseDescription is { Length: > 0 } d ? $": {d}" : string.Empty;
            var failed = Failed(endpoint, failureKind, status, code, $"{path}: HTTP {status}, responseCode {code}{words}", requestId);
            return failed with { BodyText = code == 5102 ? CyberTipResponse.Decode(body) : null };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var kind = endpoint == Endpoint.Finish ? CyberTipFailureKind.Ambiguous : CyberTipFailureKind.Transient;
            return Failed(endpoint, kind, null, null, $"{path}: no answer within {timeout.TotalSeconds:0} s.", requestId);
        }
        catch (HttpRequestException ex) when (Net.OutboundRequestRefusedException.FindIn(ex) is { } refused)
        {
            // Refused before anything was sent (Outbound:AllowedNetworks), so even a /finish certainly did not reach NCMEC.
            return Failed(endpoint, CyberTipFailureKind.Transient, null, null, $"{path}: {refused.Message}", requestId);
        }
        catch (HttpRequestException ex)
        {
            // Only a connection that was never made proves a /finish did not reach NCMEC.
            var notSent = ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;
            var kind = endpoint == Endpoint.Finish && !notSent ? CyberTipFailureKind.Ambiguous : CyberTipFailureKind.Transient;
            return Failed(endpoint, kind, null, null, $"{path}: the connection failed ({ex.HttpRequestError}).", requestId);
        }
        catch (IOException)
        {
            var kind = endpoint == Endpoint.Finish ? CyberTipFailureKind.Ambiguous : CyberTipFailureKind.Transient;
            return Failed(endpoint, kind, null, null, $"{path}: the connection was lost while reading the answer.", requestId);
        }
    }

    /// <summary>§1.5 of the reference: responseCode first, then the HTTP status.</summary>
    internal static CyberTipFailureKind Classify(string endpoint, int? httpStatus, int? responseCode) =>
        Classify(Enum.Parse<Endpoint>(endpoint, ignoreCase: true), httpStatus ?? 0, responseCode ?? -1);

    private static CyberTipFailureKind Classify(Endpoint endpoint, int status, int code) => code switch
    {
        2000 or (>= 3000 and < 4000) => CyberTipFailureKind.Credential,
        >= 4000 and < 5000 => CyberTipFailureKind.Validation,
        5001 or 5002 => CyberTipFailureKind.ReportGone,

        // A retracted report cannot take files or be finished: start over. A finished one must never be restarted.
        5101 => CyberTipFailureKind.ReportGone,
        5102 => CyberTipFailureKind.Validation,
        >= 1000 and < 2000 => CyberTipFailureKind.Transient,
        _ => status switch
        {
            401 or 403 => CyberTipFailureKind.Credential,
            400 => CyberTipFailureKind.Validation,
            _ => UnreadableKind(endpoint, status),
        },
    };

    /// <summary>A response that says nothing usable: a server error or an unreadable success. On /finish it may have been filed.</summary>
    private static CyberTipFailureKind UnreadableKind(Endpoint endpoint, int status) =>
        endpoint == Endpoint.Finish && status is >= 200 and < 300 ? CyberTipFailureKind.Ambiguous
        : status is >= 500 or 408 or 429 or (>= 200 and < 300) ? CyberTipFailureKind.Transient
        : CyberTipFailureKind.Validation;

    private Call Failed(Endpoint endpoint, CyberTipFailureKind kind, int? status, int? code, string description, string? requestId)
    {
        LogFailure(logger, Path(endpoint), status, code, kind, requestId);
        Telemetry.CoopMetrics.RecordCyberTiplineCall(endpoint.ToString(), kind.ToString());
        var text = description.Length <= DescriptionMaxLength ? description : description[..(DescriptionMaxLength - 1)] + "…";
        return new Call(null, status, new CyberTipFailure(kind, status, code, text), requestId, null);
    }

    private static CyberTipFailure Local(IReadOnlyList<string> problems) =>
        new(CyberTipFailureKind.RejectedLocally, null, null, string.Join(" ", problems));

    private static MultipartFormDataContent IdForm(string reportId) =>
        new() { { new StringContent(reportId, Encoding.UTF8), "id" } };

    private static Uri Target(Uri baseUri, Endpoint endpoint)
    {
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        return new Uri(root, Path(endpoint).TrimStart('/'));
    }

    private static string Path(Endpoint endpoint) => endpoint switch
    {
        Endpoint.Status => "/status",
        Endpoint.Submit => "/submit",
        Endpoint.Upload => "/upload",
        Endpoint.FileInfo => "/fileinfo",
        Endpoint.Finish => "/finish",
        Endpoint.Retract => "/retract",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    /// <summary>A file name safe for a Content-Disposition header (no quotes, control characters or path).</summary>
    private static string SafeFileName(string fileName)
    {
        var name = System.IO.Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new string([.. name.Where(c => !char.IsControl(c) && c != '"')]);
        return string.IsNullOrWhiteSpace(clean) ? "file" : clean;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CyberTipline {Endpoint}: HTTP {Status}, responseCode {Code}, Request-ID {RequestId}")]
    private static partial void LogCall(ILogger logger, string endpoint, int status, int code, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CyberTipline {Endpoint} failed ({Kind}): HTTP {Status}, responseCode {Code}, Request-ID {RequestId}")]
    private static partial void LogFailure(ILogger logger, string endpoint, int? status, int? code, CyberTipFailureKind kind, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CyberTipline /upload to report {ReportId}: NCMEC's MD5 for file {FileId} differs from the bytes sent, Request-ID {RequestId}")]
    private static partial void LogMd5Mismatch(ILogger logger, string reportId, string fileId, string? requestId);

    private sealed record Call(CyberTipResponse? Response, int? HttpStatus, CyberTipFailure? Failure, string? RequestId, string? BodyText);
}
