using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coop.Domain.Organizations;

/// <summary>
/// An organization's outbound allow-list: host names and IP networks (CIDR) that webhooks and fetches may reach even
/// though they resolve to private, loopback or link-local addresses. Entries are exact: no wildcards, and no network
/// wider than /8 (IPv4) or /16 (IPv6), so "allow everything" cannot be written.
/// </summary>
public static partial class OutboundAllowList
{
    public const int MaxEntries = 100;

    public static IReadOnlyList<string> FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static string ToJson(IEnumerable<string> entries) => JsonSerializer.Serialize(entries.ToList());

    /// <summary>Trims, lowercases hosts, drops blanks and duplicates; returns the problems found (entry index → message).</summary>
    public static (IReadOnlyList<string> Entries, IReadOnlyDictionary<int, string> Problems) Normalize(IEnumerable<string?> raw)
    {
        var entries = new List<string>();
        var problems = new Dictionary<int, string>();
        var index = 0;
        foreach (var item in raw ?? [])
        {
            var text = (item ?? string.Empty).Trim();
            if (text.Length > 0)
            {
                var (normal, problem) = Check(text);
                if (problem is not null)
                {
                    problems[index] = problem;
                }
                else if (!entries.Contains(normal!, StringComparer.Ordinal))
                {
                    entries.Add(normal!);
                }
            }

            index++;
        }

        if (entries.Count > MaxEntries)
        {
            problems[-1] = $"At most {MaxEntries} entries.";
        }

        return (entries, problems);
    }

    /// <summary>Splits valid entries into networks and host names.</summary>
    public static (IReadOnlyList<IPNetwork> Networks, IReadOnlySet<string> Hosts) Split(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (TryNetwork(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                hosts.Add(entry);
            }
        }

        return (networks, hosts);
    }

    private static (string? Normal, string? Problem) Check(string text)
    {
        if (text.Contains('*', StringComparison.Ordinal))
        {
            return (null, $"'{text}': wildcards are not allowed; list each host or network.");
        }

        if (text.Contains('/', StringComparison.Ordinal) || IPAddress.TryParse(text, out _))
        {
            if (!TryNetwork(text, out var network))
            {
                return (null, $"'{text}' is not an IP address or CIDR block such as 10.20.0.0/16.");
            }

            var minimum = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 8 : 16;
            return network.PrefixLength < minimum
                ? (null, $"'{text}' is too wide: the shortest prefix allowed is /{minimum}.")
                : (network.ToString(), null);
        }

        var host = text.TrimEnd('.').ToLowerInvariant();
        return host.Length <= 253 && HostName().IsMatch(host)
            ? (host, null)
            : (null, $"'{text}' is not a host name, IP address or CIDR block.");
    }

    private static bool TryNetwork(string text, out IPNetwork network)
    {
        var candidate = text;
        if (!candidate.Contains('/', StringComparison.Ordinal))
        {
            if (!IPAddress.TryParse(candidate, out var single))
            {
                network = default;
                return false;
            }

            candidate += single.AddressFamily == AddressFamily.InterNetworkV6 ? "/128" : "/32";
        }

        return IPNetwork.TryParse(candidate, out network);
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex HostName();
}
