using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Api;
using Coop.Web.Features.Ingestion.Submissions;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation.PartialItems;

/// <summary>
/// The partial-items client: one signed POST per fetch through the outbound guard (internal addresses only when allowed),
/// items the platform returns but were not asked for are dropped, the rest are validated as the partial schema variant and
/// written like any submission; the call waits (briefly) until ingestion has stored them.
/// </summary>
internal sealed partial class PartialItemsFetcher(
    IDbContextFactory<CoopDbContext> factory, IHttpClientFactory clients, IWebhookSigner signer, ItemAcceptance acceptance,
    SubmissionWriter writer, TimeProvider time, ILogger<PartialItemsFetcher> logger, Coop.Infrastructure.Secrets.SecretHeaderValues secrets) : IPartialItemsFetcher
{
    public const string Source = "partial-items";
    public const int MaxItemsPerCall = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(10);

    public async Task<PartialItemsOutcome> FetchAsync(string organizationId, IReadOnlyList<ItemIdentifier> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count is 0 or > MaxItemsPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(items), $"Fetch between 1 and {MaxItemsPerCall} items at a time.");
        }

        ReviewSettings? settings;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        }

        if (settings?.PartialItemsEndpoint is not { } endpoint)
        {
            return PartialItemsOutcome.NotConfigured;
        }

        var requested = items.Select(i => (i.Id, i.TypeId)).ToHashSet();
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["typeId"] = i.TypeId })]),
        }.ToJsonString());
        JsonNode? answer;
        try
        {
            answer = await PostAsync(organizationId, endpoint, settings, body, cancellationToken);
        }
        catch (PartialItemsException ex)
        {
            LogFailed(organizationId, ex.Message);
            return new PartialItemsOutcome([], ex.Message);
        }

        if (answer?["items"] is not JsonArray returned)
        {
            return new PartialItemsOutcome([], "The partial-items endpoint answered without an \"items\" array.");
        }

        var errors = new List<ApiError>();
        var inputs = returned.Select((node, i) => ItemInput.Parse(node?.DeepClone(), $"/items/{i}", errors))
            .OfType<ItemInput>().Where(i => requested.Contains((i.Id, i.TypeId))).ToList();
        var requestId = $"partial-items-{Guid.NewGuid():N}";
        var (accepted, invalid) = await acceptance.AcceptAsync(organizationId, inputs, Source, requestId, cancellationToken, SchemaVariant.Partial);
        errors.AddRange(invalid);
        if (accepted.Count > 0)
        {
            await writer.WriteAsync(db => db.AddRange(accepted), cancellationToken);
            await WaitUntilStoredAsync(organizationId, accepted.Select(a => (a.ItemTypeId, a.ItemId)).ToList(), cancellationToken);
        }

        var error = errors.Count == 0 ? null
            : $"The platform sent {errors.Count} item(s) Coop could not accept: {string.Join("; ", errors.Take(3).Select(e => $"{e.Pointer} {e.Detail ?? e.Title}"))}";
        return new PartialItemsOutcome([.. accepted.Select(a => new ItemIdentifier(a.ItemId, a.ItemTypeId))], error);
    }

    private async Task<JsonNode?> PostAsync(string organizationId, string endpoint, ReviewSettings settings, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, stored) in settings.PartialItemsHeaders)
        {
            string value;
            try
            {
                value = secrets.Reveal(stored);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new PartialItemsException($"The partial-items header '{name}' cannot be decrypted (its Data Protection key is gone); save its value again.");
            }

            // Coop lets these headers override Content-Type, unlike action callbacks.
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove("Content-Type");
                request.Content.Headers.TryAddWithoutValidation("Content-Type", value);
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Coop-Signature", await signer.SignAsync(organizationId, body, cancellationToken));
        request.Headers.TryAddWithoutValidation("User-Agent", "Coop-PartialItems/1.0");
        request.ForOrganization(organizationId);
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await clients.CreateClient(OutboundHttp.Webhooks).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new PartialItemsException($"The partial-items endpoint answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd() + ".");
            }

            try
            {
                return await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(linked.Token), cancellationToken: linked.Token);
            }
            catch (JsonException)
            {
                throw new PartialItemsException("The partial-items endpoint answered with something that is not JSON.");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PartialItemsException($"The partial-items endpoint did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is { } refused)
        {
            throw new PartialItemsException(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            throw new PartialItemsException($"Coop could not reach the partial-items endpoint: {ex.Message}");
        }
    }

    private async Task WaitUntilStoredAsync(string organizationId, List<(string TypeId, string Id)> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).Distinct().ToList();
        var deadline = time.GetUtcNow() + StoreWait;
        while (time.GetUtcNow() < deadline)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var stored = await db.Set<Coop.Domain.Items.Item>().Where(i => i.OrganizationId == organizationId && ids.Contains(i.ItemId))
                .Select(i => new { i.ItemTypeId, i.ItemId }).ToListAsync(cancellationToken);
            if (items.All(w => stored.Any(s => s.ItemTypeId == w.TypeId && s.ItemId == w.Id)))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partial-items fetch for organization {OrganizationId} failed: {Problem}")]
    private partial void LogFailed(string organizationId, string problem);

    private sealed class PartialItemsException(string message) : Exception(message);
}
