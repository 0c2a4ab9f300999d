using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Net;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// Makes one delivery attempt: POSTs the stored body's exact UTF-8 bytes with the message's headers,
/// <c>Content-Type: application/json</c> forced after them (as Coop does) and <c>Coop-Signature</c> over
/// those bytes, through the guarded "webhooks" client; then classifies the answer. Never logs or
/// returns header values or the body. Every attempt of one message carries the same <c>Idempotency-Key</c> (the outbox
/// message id), so a platform can drop a repeat: delivery is at least once, and a crash between the platform's answer and
/// Coop recording it sends the message again.
/// </summary>
internal sealed class WebhookSender(
    IHttpClientFactory clients, IWebhookSigner signer, IOptionsMonitor<WebhookOptions> options, TimeProvider time, Secrets.SecretHeaderValues secrets)
{
    public const string SignatureHeader = "Coop-Signature";

    /// <summary>The outbox message id, the same on every attempt of one message (retries, and resends after a crash or a lost lease).</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        SignatureHeader, IdempotencyHeader, "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", "Expect", "Upgrade", "Keep-Alive", "TE", "Trailer",
    };

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        var started = time.GetUtcNow().UtcDateTime;
        var clock = Stopwatch.StartNew();
        DeliveryResult Result(int? status, string? error, DeliveryOutcome outcome, TimeSpan? retryAfter = null) =>
            new(started, clock.Elapsed, status, error, outcome, retryAfter);

        if (!Uri.TryCreate(message.TargetUrl, UriKind.Absolute, out var target))
        {
            return Result(null, "The callback URL is not an absolute URL.", DeliveryOutcome.PermanentFailure);
        }

        var body = Encoding.UTF8.GetBytes(message.Body);
        string signature;
        try
        {
            signature = await signer.SignAsync(message.OrganizationId, body, stoppingToken);
        }
        catch (CryptographicException ex)
        {
            return Result(null, "Signing failed: " + ex.Message, DeliveryOutcome.RetryableFailure);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        if (AddHeaders(request, message.HeadersJson) is { } headerProblem)
        {
            return Result(null, headerProblem, DeliveryOutcome.PermanentFailure);
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, message.Id);
        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", "Coop-Webhooks/1.0");
        }

        request.ForOrganization(message.OrganizationId);

        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            using var response = await clients.CreateClient(OutboundHttp.Webhooks)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return Result(status, null, DeliveryOutcome.Delivered);
            }

            var text = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            if (status is >= 300 and < 400)
            {
                return Result(status, $"{text}: redirects are not followed (to {response.Headers.Location?.GetLeftPart(UriPartial.Path) ?? "nowhere"}).", DeliveryOutcome.PermanentFailure);
            }

            var snippet = await SnippetAsync(response, linked.Token);
            var error = snippet.Length == 0 ? text : $"{text}: {snippet}";
            var retryable = status is 408 or 429 || status >= 500;
            return Result(status, error, retryable ? DeliveryOutcome.RetryableFailure : DeliveryOutcome.PermanentFailure, RetryAfter(response));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Result(null, $"Timed out after {settings.Timeout.TotalSeconds:0.###} s.", DeliveryOutcome.RetryableFailure);
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is { } refused)
        {
            return Result(null, refused.Message, DeliveryOutcome.Refused);
        }
        catch (HttpRequestException ex)
        {
            var inner = ex.InnerException is null ? string.Empty : " " + ex.InnerException.Message;
            return Result(null, ex.Message + inner, DeliveryOutcome.RetryableFailure);
        }
    }

    /// <summary>Adds the configured headers; content headers go on the content. Returns a problem (naming the header, never its value).</summary>
    private string? AddHeaders(HttpRequestMessage request, string headersJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(headersJson) ? "{}" : headersJson);
        }
        catch (JsonException)
        {
            return "The configured headers are not a JSON object.";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The configured headers are not a JSON object.";
            }

            foreach (var header in document.RootElement.EnumerateObject())
            {
                if (ReservedHeaders.Contains(header.Name))
                {
                    continue;
                }

                var value = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() ?? string.Empty : header.Value.GetRawText();
                try
                {
                    value = secrets.Reveal(value);
                }
                catch (CryptographicException)
                {
                    return $"The configured header '{header.Name}' cannot be decrypted (its Data Protection key is gone); save the header's value again.";
                }

                if (!request.Headers.TryAddWithoutValidation(header.Name, value)
                    && !request.Content!.Headers.TryAddWithoutValidation(header.Name, value))
                {
                    return $"The configured header '{header.Name}' is not a valid HTTP header.";
                }
            }
        }

        return null;
    }

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[300];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        return read == buffer.Length ? text + "…" : text;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
