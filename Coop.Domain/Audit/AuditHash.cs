using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Coop.Domain.Audit;

/// <summary>
/// The audit chain's hash: SHA-256 over a canonical JSON array of an entry's fields (sequence, organization, actor id,
/// actor, action, target type, target id, details, time to the millisecond in UTC, before, after) followed by the
/// previous entry's hash. Any edit, deletion or reordering of stored rows changes some entry's recomputed hash or
/// breaks the link to its predecessor.
/// </summary>
public static class AuditHash
{
    /// <summary>The "previous hash" of the first entry in the chain.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Times are kept to the millisecond so every provider stores exactly what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public static string Compute(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(sequence);
            WriteNullable(json, entry.OrganizationId);
            WriteNullable(json, entry.ActorId);
            json.WriteStringValue(entry.Actor);
            json.WriteStringValue(entry.Action);
            WriteNullable(json, entry.TargetType);
            WriteNullable(json, entry.TargetId);
            WriteNullable(json, entry.Details);
            json.WriteStringValue(Truncate(DateTime.SpecifyKind(entry.OccurredAt, DateTimeKind.Utc))
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            WriteNullable(json, entry.Before);
            WriteNullable(json, entry.After);
            json.WriteStringValue(previousHash);
            json.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>True when the stored <see cref="AuditEntry.Hash"/> matches the entry's content and links.</summary>
    public static bool Matches(AuditEntry entry) =>
        entry.Sequence is { } sequence && entry.PreviousHash is { } previous
        && string.Equals(entry.Hash, Compute(entry, sequence, previous), StringComparison.Ordinal);

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
