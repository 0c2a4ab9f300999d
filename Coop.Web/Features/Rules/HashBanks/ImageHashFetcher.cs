using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Coop.Domain.Hashing;
using Coop.Infrastructure.Hashing;
using Coop.Infrastructure.Net;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>An image's hashes, or why there are none.</summary>
public sealed record ImageHashOutcome(ImageHashes? Hashes, string? Error);

/// <summary>
/// Fetches images through the guarded <see cref="OutboundHttp.Media"/> client (private and loopback addresses are
/// refused unless Outbound:AllowedNetworks allows them; redirects are checked hop by hop), with a size cap and a
/// timeout, and hashes them. Results are cached per URL for <see cref="CacheFor"/> (failures for
/// <see cref="FailureCacheFor"/>), and concurrent requests for one URL share one fetch, so a burst of evaluations
/// fetches each image once.
/// </summary>
public sealed class ImageHashFetcher(IHttpClientFactory clients, TimeProvider time)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FailureCacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCachedUrls = 20_000;

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public async Task<ImageHashOutcome> GetAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(url, out var cached) && (!cached.Task.IsCompleted || cached.Expires > now))
        {
            return await cached.Task.WaitAsync(cancellationToken);
        }

        Trim(now);
        var fresh = new Cached(FetchAsync(url), DateTimeOffset.MaxValue);
        var used = cached is null ? cache.GetOrAdd(url, fresh) : cache.TryUpdate(url, fresh, cached) ? fresh : cache.GetOrAdd(url, fresh);
        var outcome = await used.Task.WaitAsync(cancellationToken);
        if (ReferenceEquals(used, fresh))
        {
            cache.TryUpdate(url, fresh with { Expires = time.GetUtcNow() + (outcome.Hashes is null ? FailureCacheFor : CacheFor) }, fresh);
        }

        return outcome;
    }

    private void Trim(DateTimeOffset now)
    {
        if (cache.Count < MaxCachedUrls)
        {
            return;
        }

        foreach (var (key, value) in cache)
        {
            if (value.Task.IsCompleted && value.Expires <= now)
            {
                cache.TryRemove(new KeyValuePair<string, Cached>(key, value));
            }
        }

        if (cache.Count >= MaxCachedUrls)
        {
            cache.Clear();
        }
    }

    private async Task<ImageHashOutcome> FetchAsync(string url)
    {
        await Task.Yield();
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new ImageHashOutcome(null, "The image is not an http or https URL.");
        }

        using var timeout = new CancellationTokenSource(Timeout, time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Coop-ImageHasher", "1.0"));
            using var response = await clients.CreateClient(OutboundHttp.Media).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new ImageHashOutcome(null, $"The image URL answered HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return new ImageHashOutcome(null, $"The image is larger than {MaxBytes / (1024 * 1024)} MB.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return new ImageHashOutcome(null, $"The image is larger than {MaxBytes / (1024 * 1024)} MB.");
                }

                buffer.Write(chunk, 0, read);
            }

            return new ImageHashOutcome(ImageHasher.Hash(buffer.ToArray()), null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new ImageHashOutcome(null, $"The image did not download within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is { } refused)
        {
            return new ImageHashOutcome(null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new ImageHashOutcome(null, $"Coop could not fetch the image: {ex.Message}");
        }
        catch (ImageRejectedException ex)
        {
            return new ImageHashOutcome(null, ex.Message);
        }
    }

    private sealed record Cached(Task<ImageHashOutcome> Task, DateTimeOffset Expires);
}
