using System.Security.Cryptography;

namespace Coop.Web.Hosting;

/// <summary>
/// Response headers that limit what a browser lets a page do: a Content-Security-Policy suited to Blazor Server and
/// MudBlazor (scripts only from the app itself plus the import map, which carries a per-request nonce; inline styles,
/// which MudBlazor sets; the circuit's WebSocket; reported media from any http(s) host, as the review pages show it),
/// no framing, no plugins, no referrer, no sniffing, and no powerful browser features. The Swagger UI under
/// <c>/api-docs</c> gets a relaxed script policy because its page runs inline script. HSTS is added by
/// <c>UseHsts</c> outside Development, and only on https requests.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "coop.csp-nonce";

    /// <summary>The path of the Swagger UI, which needs inline script.</summary>
    public const string ApiDocsPath = "/api-docs";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>The nonce of this request's inline import map (the only inline script the console renders).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: valid in a CSP nonce and left alone by HTML attribute encoding.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The Content-Security-Policy of a request.</summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scripts = context.Request.Path.StartsWithSegments(ApiDocsPath)
            ? "script-src 'self' 'unsafe-inline'"
            : $"script-src 'self' 'nonce-{Nonce(context)}'";
        return string.Join("; ",
            "default-src 'self'",
            scripts,
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https: http:",
            "media-src 'self' blob: https: http:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "object-src 'none'",
            "base-uri 'self'",
            // No form-action: Chromium applies it to the redirects after a form post too, and the SSO sign-in button
            // posts to Coop, which redirects to the organization's identity provider (any host).
            "frame-ancestors 'none'");
    }

    /// <summary>Adds the headers to every response: the CSP and frame denial always; the others unless a later component set its own.</summary>
    public static IApplicationBuilder UseCoopSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                // Replaces Blazor's own "frame-ancestors 'self'" policy on interactive pages with the full (stricter) one.
                headers["Content-Security-Policy"] = ContentSecurityPolicy(http);
                SetIfMissing(headers, "X-Content-Type-Options", "nosniff");
                headers["X-Frame-Options"] = "DENY"; // antiforgery would set SAMEORIGIN; the CSP says none
                SetIfMissing(headers, "Referrer-Policy", "no-referrer");
                SetIfMissing(headers, "Permissions-Policy", PermissionsPolicy);
                SetIfMissing(headers, "Cross-Origin-Opener-Policy", "same-origin");
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static void SetIfMissing(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
