namespace Coop.Web.Api;

/// <summary>The organization (and key) an API request authenticated as.</summary>
public sealed record ApiCaller(string OrganizationId, string ApiKeyId);
