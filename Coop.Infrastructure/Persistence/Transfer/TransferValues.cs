using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>
/// Moves one column's values between a provider and the file: read as the provider stores them, turned into the
/// model's value by the column's converter, written as JSON of the model's type (the same on every provider), and
/// back through the target provider's type mapping.
/// </summary>
internal static class TransferValues
{
    public static RelationalTypeMapping Mapping(IColumn column) => column.PropertyMappings[0].TypeMapping;

    public static Type ModelType(IColumn column) => column.PropertyMappings[0].Property.ClrType;

    public static object? Read(DbDataReader reader, int ordinal, IColumn column)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var mapping = Mapping(column);
        var providerType = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;
        var stored = ReadAs(reader, ordinal, providerType);
        return mapping.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
    }

    public static object? FromJson(JsonElement element, IColumn column) =>
        element.ValueKind == JsonValueKind.Null ? null : element.Deserialize(ModelType(column), Json);

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// One row's contribution to a table's content hash: SHA-256 of its values in a provider-neutral text (times to the
    /// microsecond, the finest every provider keeps), added into the table's sum so row order does not matter.
    /// </summary>
    public static BigInteger RowHash(IReadOnlyList<object?> values)
    {
        var text = new StringBuilder();
        foreach (var value in values)
        {
            text.Append(Canonical(value)).Append('\u001f');
        }

        return new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), isUnsigned: true);
    }

    public static string HashText(BigInteger sum) => (sum % (BigInteger.One << 256)).ToString("x64", CultureInfo.InvariantCulture)[^64..];

    private static string Canonical(object? value) => value switch
    {
        null => "\u2205",
        DateTime d => (d.Ticks - d.Ticks % 10).ToString(CultureInfo.InvariantCulture),
        DateTimeOffset o => (o.UtcTicks - o.UtcTicks % 10).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    private static object ReadAs(DbDataReader reader, int ordinal, Type type)
    {
        if (type == typeof(string))
        {
            return reader.GetString(ordinal);
        }

        if (type == typeof(DateTime))
        {
            return reader.GetFieldValue<DateTime>(ordinal);
        }

        if (type == typeof(DateTimeOffset))
        {
            return reader.GetFieldValue<DateTimeOffset>(ordinal);
        }

        if (type == typeof(Guid))
        {
            return reader.GetFieldValue<Guid>(ordinal);
        }

        if (type == typeof(byte[]))
        {
            return reader.GetFieldValue<byte[]>(ordinal);
        }

        if (type == typeof(TimeSpan))
        {
            return reader.GetFieldValue<TimeSpan>(ordinal);
        }

        if (type == typeof(bool))
        {
            return reader.GetFieldValue<bool>(ordinal);
        }

        if (type == typeof(decimal))
        {
            return reader.GetFieldValue<decimal>(ordinal);
        }

        var raw = reader.GetValue(ordinal);
        return raw.GetType() == type ? raw : Convert.ChangeType(raw, type, CultureInfo.InvariantCulture);
    }
}
