using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Web.Features.Administration;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>A platform's view of Coop: an HttpClient that sends the organization's API key.</summary>
public sealed class PlatformClient(HttpClient http, string apiKey) : IDisposable
{
    public string ApiKey { get; } = apiKey;

    public HttpClient Http => http;

    /// <summary>Issues a key for the organization (as <c>create-api-key</c> does) and returns a client using it.</summary>
    public static async Task<PlatformClient> CreateAsync(CoopAppFactory app, string organizationId)
    {
        var issued = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(organizationId, "tests", null, "test", null, default);
        return new PlatformClient(app.CreateClient(), issued.PlainKey);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = null) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), key);

    public Task<HttpResponseMessage> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, null, key);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if ((key ?? ApiKey) is { Length: > 0 } sent)
        {
            request.Headers.Add("X-API-KEY", sent);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The first error of Coop's envelope.</summary>
    public static async Task<JsonNode> FirstErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["errors"]![0]!;
    }

    public static async Task<List<JsonNode>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["errors"]!.AsArray().Select(e => e!)];
    }

    public static MediaTypeHeaderValue Json { get; } = new("application/json");

    public void Dispose() => http.Dispose();
}
