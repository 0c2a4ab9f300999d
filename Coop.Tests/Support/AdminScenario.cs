using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>Helpers for the roles and users tests: ids by email or key, cookie clients, TOTP codes.</summary>
public static partial class AdminScenario
{
    public static Task<T> WithDbAsync<T>(this CoopAppFactory app, Func<CoopDbContext, Task<T>> action) =>
        app.WithScopeAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
            return await action(db);
        });

    public static Task<string> RoleIdAsync(this CoopAppFactory app, string organizationId, string key) =>
        app.WithDbAsync(db => db.Roles.Where(r => r.OrganizationId == organizationId && r.Key == key).Select(r => r.Id).SingleAsync());

    public static Task<string> UserIdAsync(this CoopAppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Task<CoopUser> UserAsync(this CoopAppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    public static HttpClient CookieClient(this CoopAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>GETs <paramref name="path"/> and returns the status with the redirect target, if any.</summary>
    public static async Task<(HttpStatusCode Status, string? Location)> ProbeAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    /// <summary>Posts a server-rendered form found at <paramref name="path"/> (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        };
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>The current RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 key, as authenticator apps compute it.</summary>
    public static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var counter = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds() / 30;
        var bytes = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

#pragma warning disable CA5350 // RFC 6238 TOTP is HMAC-SHA1, as authenticator apps compute it.
        var hash = HMACSHA1.HashData(key, bytes);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
