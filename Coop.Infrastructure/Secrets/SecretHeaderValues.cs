using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Infrastructure.Secrets;

/// <summary>
/// Encrypts the values of configured callback headers (action webhooks, appeal callbacks, partial items, and the
/// outbox messages that carry them) with ASP.NET Core Data Protection, whose keys are in the database so every node
/// can decrypt. A protected value is <c>coop-protected:v1:</c> followed by the ciphertext; values written before
/// encryption existed are read as they are and encrypted the next time their row is saved. Only the senders reveal
/// values, just before a request goes out.
/// </summary>
public sealed class SecretHeaderValues(IServiceProvider services)
{
    public const string Prefix = "coop-protected:v1:";
    private const string Purpose = "Coop.Secrets.HeaderValues.v1";

    private IDataProtector? protector;

    // Resolved on first use: the Data Protection key ring itself reads the database through the context this protects.
    private IDataProtector Protector => protector ??= services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    public static bool IsProtected(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsProtected(value) ? value : Prefix + Protector.Protect(value);
    }

    /// <summary>The plain value; throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key is gone.</summary>
    public string Reveal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsProtected(value) ? Protector.Unprotect(value[Prefix.Length..]) : value;
    }

    /// <summary>
    /// <paramref name="json"/> with every header value protected: a JSON object of name → value, or an array of
    /// <c>{ name, value }</c> objects. Returns the same instance when there is nothing left to protect.
    /// </summary>
    public string ProtectJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json is "{}" or "[]")
        {
            return json;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        var changed = root switch
        {
            JsonObject map => ProtectValues(map, all: true),
            JsonArray list => list.OfType<JsonObject>().Aggregate(false, (any, header) => ProtectValues(header, all: false) | any),
            _ => false,
        };
        return changed ? root!.ToJsonString() : json;
    }

    private bool ProtectValues(JsonObject node, bool all)
    {
        var changed = false;
        foreach (var (name, value) in node.ToList())
        {
            if ((all || name.Equals("value", StringComparison.OrdinalIgnoreCase))
                && value is JsonValue text && text.TryGetValue<string>(out var plain) && !IsProtected(plain))
            {
                node[name] = Protect(plain);
                changed = true;
            }
        }

        return changed;
    }
}
