using System.Text.Json;
using Coop.Infrastructure.Net;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>
/// "Test configuration": fetches <c>{authority}/.well-known/openid-configuration</c> through the outbound address policy
/// and checks it names an issuer (the authority itself for a generic provider; Entra ID names the tenant by GUID even when
/// it was given by domain), the endpoints the sign-in needs, and PKCE with S256.
/// </summary>
public sealed partial class SsoDiscoveryProbe(IHttpClientFactory httpClients, ILogger<SsoDiscoveryProbe> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly string[] RequiredFields = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"];

    public async Task<SsoTestResult> FetchAsync(string authority, bool requireIssuerMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var address = authority.TrimEnd('/') + "/.well-known/openid-configuration";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var client = httpClients.CreateClient(SsoServices.HttpClientName);
            using var response = await client.GetAsync(new Uri(address), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new SsoTestResult(false, $"{address} answered HTTP {(int)response.StatusCode}. Check the authority (issuer) URL.");
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return Check(document.RootElement, authority, address, requireIssuerMatch);
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is { } refused)
        {
            return new SsoTestResult(false, $"Coop's outbound address policy refused {address}: {refused.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SsoTestResult(false, $"{address} did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex, address);
            return new SsoTestResult(false, $"Could not reach {address}: {ex.Message}");
        }
        catch (JsonException)
        {
            return new SsoTestResult(false, $"{address} did not return a JSON discovery document. Check the authority (issuer) URL.");
        }
    }

    private static SsoTestResult Check(JsonElement root, string authority, string address, bool requireIssuerMatch)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SsoTestResult(false, $"{address} did not return a JSON discovery document.");
        }

        var missing = RequiredFields
            .Where(name => !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String).ToList();
        if (missing.Count > 0)
        {
            return new SsoTestResult(false, $"The discovery document at {address} lacks {string.Join(", ", missing)}.");
        }

        var issuer = root.GetProperty("issuer").GetString()!;
        if (requireIssuerMatch && !string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal))
        {
            return new SsoTestResult(false, $"The provider's issuer is {issuer}, not {authority}: enter the issuer exactly as the provider states it.");
        }

        var pkce = root.TryGetProperty("code_challenge_methods_supported", out var methods) && methods.ValueKind == JsonValueKind.Array
            && methods.EnumerateArray().Any(m => m.GetString() == "S256");
        return new SsoTestResult(true,
            $"Found the provider {issuer}: sign-in at {root.GetProperty("authorization_endpoint").GetString()}"
            + (pkce ? ", PKCE (S256) supported." : ". It does not announce PKCE (S256); Coop sends it anyway."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on test could not reach {Address}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string address);
}
