using System.Net;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.ChildSafety;
using Coop.Infrastructure.Net;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Administration.Sso;
using Coop.Web.Features.Rules.Classifiers;
using Coop.Web.Features.Rules.HashBanks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Integration.Net;

/// <summary>
/// Every outbound client of the app, against real servers on loopback: with no allow-list each is refused after DNS
/// resolution (nothing reaches the server), and with loopback allowed response bodies are capped.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutboundSafetyTests(OutboundSafetyTests.Servers servers) : IClassFixture<OutboundSafetyTests.Servers>
{
    /// <summary>The named clients of every outbound feature: callbacks and partial items, media, classifiers, OIDC, CyberTipline.</summary>
    public static readonly TheoryData<string> Clients =
        [OutboundHttp.Webhooks, OutboundHttp.Media, ClassifierHttp.ClientName, SsoServices.HttpClientName, CyberTiplineClient.HttpClientName];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Each_outbound_client_refuses_loopback_private_link_local_and_metadata_addresses(string clientName)
    {
        var client = servers.Strict.Services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);
        var port = servers.Receiver.BaseAddress.Port;
        Uri[] targets =
        [
            servers.Receiver.UrlFor("/hook"),                          // 127.0.0.1
            new($"http://localhost:{port}/hook"),                      // a name that resolves to loopback
            new($"http://[::ffff:127.0.0.1]:{port}/hook"),             // loopback inside an IPv4-mapped IPv6 address
            new("http://169.254.169.254/latest/meta-data/"),          // cloud metadata (link-local)
            new("http://10.1.2.3/hook"),                               // RFC 1918
        ];

        foreach (var target in targets)
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsync(target, new StringContent("{}"), Ct));
            Assert.True(OutboundRequestRefusedException.FindIn(ex) is not null, $"{clientName} → {target}: {ex}");
        }

        Assert.Empty(servers.Receiver.Requests);
    }

    [Fact]
    public async Task Features_report_the_refusal_instead_of_calling_loopback()
    {
        var image = await servers.Strict.Services.GetRequiredService<ImageHashFetcher>().GetAsync(servers.Receiver.UrlFor("/image.png").ToString(), Ct);
        var discovery = await servers.Strict.Services.GetRequiredService<SsoDiscoveryProbe>().FetchAsync(servers.Receiver.BaseAddress.ToString(), false, Ct);
        var credentials = new CyberTipCredentials(NcmecEnvironment.Test, servers.Receiver.BaseAddress, "user", "password");
        var tipline = await servers.Strict.Services.GetRequiredService<ICyberTiplineClient>().StatusAsync(credentials, Ct);

        Assert.Contains("Outbound:AllowedNetworks", image.Error, StringComparison.Ordinal);
        Assert.Contains("refused", discovery.Message, StringComparison.Ordinal);
        Assert.Contains("Outbound:AllowedNetworks", tipline.Failure!.Description, StringComparison.Ordinal);
        Assert.Empty(servers.Receiver.Requests);
    }

    [Fact]
    public async Task A_media_redirect_to_a_loopback_address_is_refused_at_the_second_hop()
    {
        // Only 127.0.0.1 is allowed; the redirect goes to 127.0.0.2, another loopback address.
        var client = servers.Capped.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.Media);
        var hop = servers.Receiver.UrlFor("/redirect?to=" + Uri.EscapeDataString($"http://127.0.0.2:{servers.Receiver.BaseAddress.Port}/file.png"));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(hop, Ct));

        Assert.Contains("127.0.0.2", OutboundRequestRefusedException.FindIn(ex)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_clients_do_not_follow_redirects()
    {
        var client = servers.Capped.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.Webhooks);
        var hop = servers.Receiver.UrlFor("/redirect?to=" + Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/"));

        using var response = await client.GetAsync(hop, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("/declared")]
    [InlineData("/chunked")]
    public async Task A_response_body_over_the_cap_is_refused(string path)
    {
        var client = servers.Capped.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.Webhooks);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using var response = await client.GetAsync(new Uri(servers.Big, path), HttpCompletionOption.ResponseHeadersRead, Ct);
            await response.Content.ReadAsStringAsync(Ct);
        });
        using var small = await client.GetAsync(new Uri(servers.Big, "/small"), Ct);

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, ex.HttpRequestError);
        Assert.Contains("Outbound:MaxResponseBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal("small", await small.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A webhook receiver, a server of large bodies, an app with no allow-list and one allowing 127.0.0.1 with a 4 KB cap.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private WebApplication? big;

        public WebhookReceiver Receiver { get; private set; } = default!;

        public Uri Big { get; private set; } = default!;

        public CoopAppFactory Strict { get; } = new(new Dictionary<string, string?> { ["Webhooks:DispatcherEnabled"] = "false" });

        public CoopAppFactory Capped { get; } = new(new Dictionary<string, string?>
        {
            ["Webhooks:DispatcherEnabled"] = "false",
            ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Outbound:MaxResponseBytes"] = "4096",
        });

        public async ValueTask InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            big = builder.Build();
            var payload = new string('x', 64 * 1024);
            big.MapGet("/declared", async (HttpContext context) =>
            {
                context.Response.ContentLength = payload.Length;
                await context.Response.WriteAsync(payload);
            });
            big.MapGet("/chunked", async (HttpContext context) =>
            {
                for (var i = 0; i < 16; i++)
                {
                    await context.Response.WriteAsync(payload[..4096]);
                    await context.Response.Body.FlushAsync();
                }
            });
            big.MapGet("/small", () => Results.Text("small"));
            await big.StartAsync();
            Big = new Uri(big.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        public async ValueTask DisposeAsync()
        {
            await Strict.DisposeAsync();
            await Capped.DisposeAsync();
            await Receiver.DisposeAsync();
            if (big is not null)
            {
                await big.DisposeAsync();
            }
        }
    }
}
