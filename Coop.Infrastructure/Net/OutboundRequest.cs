namespace Coop.Infrastructure.Net;

/// <summary>Marks an outbound request with the organization it is made for, so its allow-list applies.</summary>
public static class OutboundRequest
{
    public static readonly HttpRequestOptionsKey<string> OrganizationKey = new("coop.organization");

    public static HttpRequestMessage ForOrganization(this HttpRequestMessage request, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(OrganizationKey, organizationId);
        return request;
    }

    public static string? OrganizationOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(OrganizationKey, out var organizationId) ? organizationId : null;
}
