namespace Coop.Infrastructure.Net;

/// <summary>Refuses any outbound request that is not plain http or https before a connection is tried.</summary>
public sealed class OutboundSchemeHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OutboundRequestRefusedException($"Only http and https addresses may be called, not '{uri?.Scheme ?? "(none)"}'.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
