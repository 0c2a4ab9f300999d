using System.Net;
using Coop.Infrastructure.Net;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;

namespace Coop.Tests.Integration.Net;

[Trait("Category", "Integration")]
public sealed class OutboundClientTests
{
    [Fact]
    public async Task The_media_client_follows_a_redirect_only_to_an_allowed_address()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(allowLoopback: false, dispatcher: false,
            settings: new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32" });
        var client = app.Service<IHttpClientFactory>().CreateClient(OutboundHttp.Media);
        var refusedHop = receiver.UrlFor("/redirect?to=" + Uri.EscapeDataString($"http://127.0.0.2:{receiver.BaseAddress.Port}/file.png"));

        using var ok = await client.GetAsync(receiver.UrlFor("/redirect?to=" + Uri.EscapeDataString(receiver.UrlFor("/missing").ToString())), TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(refusedHop, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, ok.StatusCode); // reached the allowed second hop (GET on a POST-only route)
        Assert.Contains("127.0.0.2", OutboundRequestRefusedException.FindIn(refused)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemes_other_than_http_and_https_are_refused_before_any_connection()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var client = app.Service<IHttpClientFactory>().CreateClient(OutboundHttp.Webhooks);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("file:///etc/passwd"), TestContext.Current.CancellationToken));

        Assert.NotNull(OutboundRequestRefusedException.FindIn(ex));
    }
}
