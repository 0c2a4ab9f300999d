using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Tests.Unit.ItemTypes;

/// <summary>Coop 1.0's coercion table (features §2.3), one row per accepted, absent or refused input.</summary>
[Trait("Category", "Unit")]
public sealed class ScalarCoercionTests
{
    public static TheoryData<ScalarType, string, string> Accepted => new()
    {
        { ScalarType.String, "\"hello\"", "\"hello\"" },
        { ScalarType.String, "\"\"", "\"\"" },
        { ScalarType.Id, "\"\"", "\"\"" },
        { ScalarType.Id, "\"abc\"", "\"abc\"" },
        { ScalarType.Id, "42", "\"42\"" },
        { ScalarType.Id, "1.5", "\"1.5\"" },
        { ScalarType.PolicyId, "7", "\"7\"" },
        { ScalarType.Number, "3.25", "3.25" },
        { ScalarType.Number, "\"12\"", "12" },
        { ScalarType.Number, "\" -1.5e2 \"", "-150" },
        { ScalarType.Number, "\"0.5\"", "0.5" },
        { ScalarType.Boolean, "true", "true" },
        { ScalarType.Boolean, "false", "false" },
        { ScalarType.Boolean, "\"TRUE\"", "true" },
        { ScalarType.Boolean, "\"1\"", "true" },
        { ScalarType.Boolean, "\"false\"", "false" },
        { ScalarType.Boolean, "\"0\"", "false" },
        { ScalarType.Boolean, "1", "true" },
        { ScalarType.Boolean, "0", "false" },
        { ScalarType.Url, "\"https://example.com/a?b=1\"", "\"https://example.com/a?b=1\"" },
        { ScalarType.Geohash, "\"u4pruydqqvj\"", "\"u4pruydqqvj\"" },
        { ScalarType.Datetime, "\"2024-03-05T10:20:30Z\"", "\"2024-03-05T10:20:30.000Z\"" },
        { ScalarType.Datetime, "\"2024-03-05T12:20:30.123456+02:00\"", "\"2024-03-05T10:20:30.123Z\"" },
        { ScalarType.Datetime, "\"2024-03-05T12:20:30+0200\"", "\"2024-03-05T10:20:30.000Z\"" },
        { ScalarType.Datetime, "\"2024-03-05 10:20:30\"", "\"2024-03-05T10:20:30.000Z\"" },
        { ScalarType.Datetime, "\"2024-03-05\"", "\"2024-03-05T00:00:00.000Z\"" },
        { ScalarType.Image, "\"https://cdn.example/a.jpg\"", """{"url":"https://cdn.example/a.jpg"}""" },
        { ScalarType.Video, "\"https://cdn.example/v\"", """{"url":"https://cdn.example/v"}""" },
        { ScalarType.Audio, "\"http://cdn.example/a.mp3\"", """{"url":"http://cdn.example/a.mp3"}""" },
        { ScalarType.Image, """{"url":"https://cdn.example/a.jpg","hashes":{"pdq":"ff"}}""", """{"url":"https://cdn.example/a.jpg","hashes":{"pdq":"ff"}}""" },
        { ScalarType.Media, "\"https://cdn.example/a.PNG\"", """{"url":"https://cdn.example/a.PNG","mediaType":"IMAGE"}""" },
        { ScalarType.Media, "\"https://cdn.example/clip.mov?x=1\"", """{"url":"https://cdn.example/clip.mov?x=1","mediaType":"VIDEO"}""" },
        { ScalarType.Media, "\"https://cdn.example/song.m4a\"", """{"url":"https://cdn.example/song.m4a","mediaType":"AUDIO"}""" },
        { ScalarType.Media, "\"https://cdn.example/x.ogg\"", """{"url":"https://cdn.example/x.ogg","mediaType":null}""" },
        { ScalarType.RelatedItem, """{"id":"u1","typeId":"users"}""", """{"id":"u1","typeId":"users"}""" },
        { ScalarType.RelatedItem, """{"id":"u1","typeId":"users","name":"Ann"}""", """{"id":"u1","typeId":"users","name":"Ann"}""" },
        { ScalarType.UserId, """{"id":"u1","typeId":"users"}""", """{"id":"u1","typeId":"users"}""" },
        { ScalarType.IpAddress, "\" 192.168.0.1 \"", "\"192.168.0.1\"" },
        { ScalarType.IpAddress, "\"2001:db8::1\"", "\"2001:db8::1\"" },
        { ScalarType.EmailAddress, "\"  ann@example.org \"", "\"ann@example.org\"" },
        { ScalarType.EmailAddress, "\"not an email\"", "\"not an email\"" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepts_and_normalizes(ScalarType type, string input, string expected)
    {
        var result = ScalarCoercion.Coerce(type, JsonNode.Parse(input)!, id => id == "users");

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value!.ToJsonString());
    }

    public static TheoryData<ScalarType, string> Absent => new()
    {
        { ScalarType.Url, "\"\"" },
        { ScalarType.Datetime, "\"\"" },
        { ScalarType.Geohash, "\"\"" },
        { ScalarType.Image, "\"\"" },
        { ScalarType.Video, "\"\"" },
        { ScalarType.Audio, "\"\"" },
        { ScalarType.Media, "\"\"" },
        { ScalarType.IpAddress, "\"   \"" },
        { ScalarType.EmailAddress, "\" \"" },
    };

    [Theory]
    [MemberData(nameof(Absent))]
    public void Empty_strings_count_as_absent_for_urls_dates_geohashes_media_ips_and_emails(ScalarType type, string input)
    {
        var result = ScalarCoercion.Coerce(type, JsonNode.Parse(input)!);

        Assert.True(result.IsAbsent);
    }

    public static TheoryData<ScalarType, string, string> Refused => new()
    {
        { ScalarType.String, "12", "must be a string" },
        { ScalarType.String, "true", "must be a string" },
        { ScalarType.Id, "true", "string or a number" },
        { ScalarType.Id, "{}", "string or a number" },
        { ScalarType.Number, "\"\"", "must hold a number" },
        { ScalarType.Number, "\"abc\"", "must hold a number" },
        { ScalarType.Number, "\"NaN\"", "must hold a number" },
        { ScalarType.Number, "\"Infinity\"", "must hold a number" },
        { ScalarType.Number, "true", "must hold a number" },
        { ScalarType.Boolean, "\"\"", "must hold a boolean" },
        { ScalarType.Boolean, "\"yes\"", "must hold a boolean" },
        { ScalarType.Boolean, "2", "must hold a boolean" },
        { ScalarType.Url, "\"not a url\"", "valid URL" },
        { ScalarType.Url, "\"ftp://example.com/a\"", "valid URL" },
        { ScalarType.Url, "5", "valid URL" },
        { ScalarType.Geohash, "\"abc!\"", "valid geohash" },
        { ScalarType.Geohash, "\"ail\"", "valid geohash" },
        { ScalarType.Datetime, "\"yesterday\"", "valid date string" },
        { ScalarType.Datetime, "\"2024-13-45T00:00:00Z\"", "valid date string" },
        { ScalarType.Datetime, "1700000000", "valid date string" },
        { ScalarType.Image, "\"/relative.png\"", "valid URL" },
        { ScalarType.Image, "{\"href\":\"https://x.example/a.png\"}", "valid URL" },
        { ScalarType.Media, "42", "valid URL" },
        { ScalarType.RelatedItem, """{"id":"","typeId":"users"}""", "non-empty" },
        { ScalarType.RelatedItem, """{"id":5,"typeId":"users"}""", "non-empty" },
        { ScalarType.RelatedItem, """{"id":"u1"}""", "valid 'typeId'" },
        { ScalarType.RelatedItem, """{"id":"u1","typeId":"users","name":3}""", "optional string name" },
        { ScalarType.RelatedItem, """{"id":"u1","typeId":"nope"}""", "'nope' is not an item type" },
        { ScalarType.RelatedItem, "\"u1\"", "must be an object" },
        { ScalarType.UserId, """{"id":"u1","typeId":"nope"}""", "not an item type" },
        { ScalarType.IpAddress, "\"256.1.1.1\"", "IPv4 or IPv6" },
        { ScalarType.IpAddress, "\"1.2.3\"", "IPv4 or IPv6" },
        { ScalarType.IpAddress, "\"01.2.3.4\"", "IPv4 or IPv6" },
        { ScalarType.IpAddress, "\"gggg::1\"", "IPv4 or IPv6" },
        { ScalarType.IpAddress, "7", "string IP address" },
        { ScalarType.EmailAddress, "7", "string email address" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_with_a_reason(ScalarType type, string input, string reason)
    {
        var result = ScalarCoercion.Coerce(type, JsonNode.Parse(input)!, id => id == "users");

        Assert.Null(result.Value);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_type_lookup_any_non_empty_type_id_is_accepted()
    {
        var result = ScalarCoercion.Coerce(ScalarType.RelatedItem, JsonNode.Parse("""{"id":"1","typeId":"anything"}""")!);

        Assert.Null(result.Error);
    }
}
