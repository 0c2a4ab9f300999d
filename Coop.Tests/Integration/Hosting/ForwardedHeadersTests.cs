using System.Collections.Concurrent;
using System.Net;
using Coop.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy the app must see the client's scheme and address, but only when a trusted proxy says so:
/// the request's peer address is set as if it came over the network, then the whole app's pipeline runs.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task A_configured_proxy_network_is_trusted_for_scheme_and_client_address()
    {
        var seen = await RequestThroughAsync("10.20.0.7", new() { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16" });

        Assert.Equal(("https", "203.0.113.9"), seen);
    }

    [Fact]
    public async Task A_configured_proxy_address_is_trusted()
    {
        var seen = await RequestThroughAsync("192.168.1.10", new() { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownProxies:0"] = "192.168.1.10" });

        Assert.Equal(("https", "203.0.113.9"), seen);
    }

    [Fact]
    public async Task Loopback_is_trusted_once_enabled()
    {
        var seen = await RequestThroughAsync("127.0.0.1", new() { ["ForwardedHeaders:Enabled"] = "true" });

        Assert.Equal(("https", "203.0.113.9"), seen);
    }

    [Fact]
    public async Task Another_sender_cannot_claim_https_or_another_address()
    {
        var seen = await RequestThroughAsync("198.51.100.4", new() { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16" });

        Assert.Equal(("http", "198.51.100.4"), seen);
    }

    [Fact]
    public async Task Headers_are_ignored_unless_enabled()
    {
        var seen = await RequestThroughAsync("127.0.0.1", []);

        Assert.Equal(("http", "127.0.0.1"), seen);
    }

    [Fact]
    public async Task A_malformed_network_stops_the_start_with_a_clear_message()
    {
        var work = TestSettings.NewTempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(work, "coop.db")}",
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/99",
        };

        var result = await CliProcess.RunAsync(settings, work, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ForwardedHeaders:KnownNetworks must be CIDR blocks", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<(string Scheme, string? ClientAddress)> RequestThroughAsync(string peer, Dictionary<string, string?> settings)
    {
        var seen = new ConcurrentQueue<(string, string?)>();
        await using var app = new CoopAppFactory(settings);
        app.TestServices.Add(services => services.AddSingleton<IStartupFilter>(new PeerFilter(IPAddress.Parse(peer), seen)));
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(seen);
    }

    /// <summary>Outermost: sets the connection's peer, lets the app's pipeline run, then records what the request looked like to it.</summary>
    private sealed class PeerFilter(IPAddress peer, ConcurrentQueue<(string, string?)> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                context.Connection.RemoteIpAddress = peer;
                await inner(context);
                seen.Enqueue((context.Request.Scheme, context.Connection.RemoteIpAddress?.ToString()));
            });
            next(app);
        };
    }
}
