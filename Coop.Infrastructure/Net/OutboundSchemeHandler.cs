namespace Coop.Infrastructure.Net;

/// <summary>
/// Refuses any outbound request that is not plain http or https before a connection is tried, and a request made
/// for an organization whose target that organization may not reach (a pooled connection may have been opened under
/// another organization's allow-list).
/// </summary>
public sealed class OutboundSchemeHandler(OutboundConnectGuard guard) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OutboundRequestRefusedException($"Only http and https addresses may be called, not '{uri?.Scheme ?? "(none)"}'.");
        }

        try
        {
            await guard.PermittedAddressesAsync(uri.IdnHost, OutboundRequest.OrganizationOf(request), cancellationToken);
        }
        catch (OutboundRequestRefusedException ex)
        {
            // The same shape as a refusal at connect time: nothing was sent.
            throw new HttpRequestException(HttpRequestError.ConnectionError, ex.Message, ex);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{uri.Host}: {ex.Message}", ex);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
