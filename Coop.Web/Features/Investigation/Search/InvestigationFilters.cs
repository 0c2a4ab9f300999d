using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>
/// What an investigation search narrows by; every filter is optional and they combine with AND. The same record is the
/// page's query string (<see cref="ToQueryString"/> / <see cref="FromQuery"/>), so a search can be shared or bookmarked.
/// </summary>
/// <param name="ItemId">The platform's item id, exactly.</param>
/// <param name="ItemTypeId">Only items of this type.</param>
/// <param name="UserId">Items the user created, and the user item itself.</param>
/// <param name="UserTypeId">The user's type, when several user types share ids.</param>
/// <param name="Text">Case-insensitive text anywhere in the latest version's data (a bounded scan; see docs/user-guide/investigation.md).</param>
/// <param name="From">Last received on or after this UTC day.</param>
/// <param name="To">Last received on or before this UTC day.</param>
/// <param name="PolicyId">Items an action ran on under this policy (rules, the API and review decisions alike).</param>
/// <param name="ActionId">Items this action ran on.</param>
/// <param name="DecidedBy">Items this console user decided a review job about (their user id).</param>
public sealed record InvestigationFilters(
    string? ItemId = null,
    string? ItemTypeId = null,
    string? UserId = null,
    string? UserTypeId = null,
    string? Text = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? PolicyId = null,
    string? ActionId = null,
    string? DecidedBy = null)
{
    public const int TextMaxLength = 200;

    private static readonly (string Key, Func<InvestigationFilters, string?> Get)[] Keys =
    [
        ("itemId", f => f.ItemId), ("itemTypeId", f => f.ItemTypeId), ("userId", f => f.UserId), ("userTypeId", f => f.UserTypeId),
        ("text", f => f.Text), ("from", f => Day(f.From)), ("to", f => Day(f.To)), ("policyId", f => f.PolicyId),
        ("actionId", f => f.ActionId), ("decidedBy", f => f.DecidedBy),
    ];

    public bool IsEmpty => Keys.All(k => k.Get(this) is null);

    /// <summary>Blank values become null and text is trimmed, so "" and "  " mean "no filter".</summary>
    public InvestigationFilters Normalized() => new(
        Clean(ItemId), Clean(ItemTypeId), Clean(UserId), Clean(UserTypeId), Clean(Text) is { } text && text.Length > TextMaxLength ? text[..TextMaxLength] : Clean(Text),
        From, To, Clean(PolicyId), Clean(ActionId), Clean(DecidedBy));

    /// <summary>The filters as <c>?key=value&amp;…</c> (escaped), or empty when there are none.</summary>
    public string ToQueryString(string? after = null)
    {
        var pairs = Keys.Select(k => (k.Key, Value: k.Get(this))).Append((Key: "after", Value: after)).Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }

    /// <summary>Reads filters from a URL's query string (unknown keys and unreadable dates are ignored).</summary>
    public static InvestigationFilters FromQuery(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? Get(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return new InvestigationFilters(
            Get("itemId"), Get("itemTypeId"), Get("userId"), Get("userTypeId"), Get("text"), ParseDay(Get("from")), ParseDay(Get("to")),
            Get("policyId"), Get("actionId"), Get("decidedBy")).Normalized();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
