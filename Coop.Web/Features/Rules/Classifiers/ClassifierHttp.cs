using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Signals;
using Polly.CircuitBreaker;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>One classifier request: where, what, with which headers (secret values included) and how long to wait.</summary>
public sealed record ClassifierRequest(Uri Endpoint, JsonObject Body, IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan Timeout);

/// <summary>
/// The HTTP leg every classifier signal shares: the cached score for the item version if there is one; otherwise a
/// POST through the guarded <see cref="ClientName"/> client, under the organization's circuit breaker and a per-call
/// timeout. Failures become <see cref="SignalResult.Failed"/> with a message that names the signal and the reason,
/// never a header value.
/// </summary>
public sealed partial class ClassifierHttp(
    IHttpClientFactory clients, ClassifierCache cache, ClassifierBreakers breakers, ILogger<ClassifierHttp> logger)
{
    public const string ClientName = "classifiers";

    private const int MaxResponseBytes = 1024 * 1024;

    public Task<SignalResult> RunAsync(
        SignalManifest manifest, SignalRequest request, ClassifierRequest call, Func<JsonNode, SignalResult> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        return cache.GetOrRunAsync(ClassifierKeys.Result(manifest.Id, request), () => CallAsync(manifest, request, call, read, cancellationToken));
    }

    private async Task<SignalResult> CallAsync(
        SignalManifest manifest, SignalRequest request, ClassifierRequest call, Func<JsonNode, SignalResult> read, CancellationToken cancellationToken)
    {
        JsonNode answer;
        try
        {
            answer = await breakers.For(ClassifierKeys.Breaker(manifest.Id, request))
                .ExecuteAsync(async token => await SendAsync(call, token), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            LogCircuitOpen(logger, manifest.Id, request.OrganizationId);
            return SignalResult.Failed($"{manifest.Name}: circuit open after repeated failures; calls resume shortly.");
        }
        catch (ClassifierCallException ex)
        {
            LogCallFailed(logger, manifest.Id, request.OrganizationId, ex.Message);
            return SignalResult.Failed($"{manifest.Name}: {ex.Message}");
        }

        var result = read(answer);
        if (result.IsFailure)
        {
            LogCallFailed(logger, manifest.Id, request.OrganizationId, result.Error!);
            return SignalResult.Failed($"{manifest.Name}: {result.Error}");
        }

        return result;
    }

    private async Task<JsonNode> SendAsync(ClassifierRequest call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(call.Timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, call.Endpoint)
        {
            Content = new StringContent(call.Body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in call.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ClassifierCallException($"'{name}' cannot be sent as a request header.");
            }
        }

        var client = clients.CreateClient(ClientName);
        client.MaxResponseContentBufferSize = MaxResponseBytes;
        try
        {
            using var response = await client.SendAsync(message, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new ClassifierCallException($"{call.Endpoint.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return JsonNode.Parse(body) ?? throw new ClassifierCallException($"{call.Endpoint.Host} answered null instead of a JSON object.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClassifierCallException($"{call.Endpoint.Host} did not answer within {call.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new ClassifierCallException($"could not reach {call.Endpoint.Host}: {ex.Message}", ex);
        }
        catch (JsonException)
        {
            throw new ClassifierCallException($"{call.Endpoint.Host} answered something that is not JSON.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier {SignalId} for organization {OrganizationId} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string signalId, string organizationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier {SignalId} for organization {OrganizationId}: circuit open, call skipped")]
    private static partial void LogCircuitOpen(ILogger logger, string signalId, string organizationId);
}
