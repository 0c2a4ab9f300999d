using System.Security.Cryptography;
using System.Text;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// Keys for the result cache and the circuit breakers, as SHA-256 digests (so settings, which hold API keys, never
/// sit in a key in clear). Parts are length-prefixed, so no two different inputs share a key.
/// </summary>
internal static class ClassifierKeys
{
    /// <summary>One result: the signal, its settings, the condition's arguments, the item version and the value.</summary>
    public static string Result(string signalId, SignalRequest request) =>
        Digest([
            "result", signalId, Flatten(request.Settings), Flatten(request.Arguments),
            request.Item.OrganizationId, request.Item.ItemTypeId, request.Item.ItemId, request.Item.Version, request.Value,
        ]);

    /// <summary>One breaker per organization and signal (and settings: fixing a wrong key starts with a closed circuit).</summary>
    public static string Breaker(string signalId, SignalRequest request) =>
        Digest(["breaker", signalId, request.OrganizationId, Flatten(request.Settings)]);

    private static string Flatten(IReadOnlyDictionary<string, string> values) =>
        string.Concat(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.Length}:{p.Key}{p.Value.Length}:{p.Value}"));

    private static string Digest(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
