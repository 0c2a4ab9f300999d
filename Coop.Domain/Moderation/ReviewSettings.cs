using System.Text.Json;
using Coop.Domain.Actions;

namespace Coop.Domain.Moderation;

/// <summary>
/// An organization's rules for review decisions and the callbacks decisions make (Coop's
/// <c>manual_review_tool_settings</c>). Every organization has defaults until an admin saves its own.
/// </summary>
public sealed class ReviewSettings
{
    public const int UrlMaxLength = 2048;

    private ReviewSettings()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>An action decision must name at least one policy.</summary>
    public bool RequirePolicyForDecisions { get; private set; }

    /// <summary>A decision that runs actions (or moves) must give a reason.</summary>
    public bool RequireReasonOnAction { get; private set; }

    /// <summary>An Ignore decision must give a reason.</summary>
    public bool RequireReasonOnIgnore { get; private set; }

    /// <summary>Reviewers may pick several policies for one action decision.</summary>
    public bool AllowMultiplePoliciesPerAction { get; private set; } = true;

    /// <summary>Only admins (MANAGE_ORG) see Skip.</summary>
    public bool HideSkipForNonAdmins { get; private set; }

    /// <summary>Told <c>{ id, typeId, data }</c> of the item when a reviewer decides Ignore; null for no call.</summary>
    public string? IgnoreCallbackUrl { get; private set; }

    /// <summary>Told the outcome of each appeal (<c>ACCEPT</c>/<c>REJECT</c>); null for no call.</summary>
    public string? AppealCallbackUrl { get; private set; }

    /// <summary>Headers sent with the appeal callback (JSON object of name → secret value).</summary>
    public string AppealCallbackHeadersJson { get; private set; } = "{}";

    /// <summary>The platform may send appeals (<c>POST /api/v1/report/appeal</c>); when off they are refused. On by default.</summary>
    public bool AppealsEnabled { get; private set; } = true;

    /// <summary>
    /// What to run when an appeal against an action is accepted: JSON object of appealed action id → the "undo" action id
    /// (e.g. "Remove post" → "Restore post"). Actions without an entry are only reversed by removing their strikes.
    /// </summary>
    public string AppealUndoActionsJson { get; private set; } = "{}";

    /// <summary>The undo action for each appealed action that has one.</summary>
    public IReadOnlyDictionary<string, string> AppealUndoActions =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(AppealUndoActionsJson) ?? [];

    /// <summary>Turns appeals on or off and sets the undo action per appealed action (pairs naming the same action twice keep the last).</summary>
    public void SetAppeals(bool enabled, IReadOnlyDictionary<string, string>? undoActions)
    {
        AppealsEnabled = enabled;
        AppealUndoActionsJson = JsonSerializer.Serialize((undoActions ?? new Dictionary<string, string>())
            .Where(p => !string.IsNullOrWhiteSpace(p.Key) && !string.IsNullOrWhiteSpace(p.Value) && p.Key != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The platform's partial-items endpoint Coop asks for items it has not stored; null when not set.</summary>
    public string? PartialItemsEndpoint { get; private set; }

    /// <summary>Headers sent to the partial-items endpoint (JSON object of name → secret value); they may override Content-Type.</summary>
    public string PartialItemsHeadersJson { get; private set; } = "{}";

    /// <summary>The partial-items headers with their secret values: for the fetcher only.</summary>
    public IReadOnlyList<ActionHeader> PartialItemsHeaders =>
        [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(PartialItemsHeadersJson) ?? []).Select(h => new ActionHeader(h.Key, h.Value))];

    /// <summary>Sets the partial-items endpoint (null or blank for none) and its headers; a header with a null value keeps its saved value.</summary>
    public void SetPartialItems(string? endpoint, IReadOnlyList<ActionHeaderInput>? headers)
    {
        PartialItemsEndpoint = Normalize(endpoint, nameof(endpoint));
        var merged = ActionValidation.MergeHeaders(headers ?? [], PartialItemsHeaders);
        PartialItemsHeadersJson = JsonSerializer.Serialize(merged.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));
    }

    public static ReviewSettings DefaultsFor(string organizationId) => new() { OrganizationId = organizationId };

    public void SetDecisionRules(bool requirePolicy, bool requireReasonOnAction, bool requireReasonOnIgnore, bool allowMultiplePolicies, bool hideSkipForNonAdmins)
    {
        RequirePolicyForDecisions = requirePolicy;
        RequireReasonOnAction = requireReasonOnAction;
        RequireReasonOnIgnore = requireReasonOnIgnore;
        AllowMultiplePoliciesPerAction = allowMultiplePolicies;
        HideSkipForNonAdmins = hideSkipForNonAdmins;
    }

    /// <summary>The appeal callback's headers with their secret values: for the webhook sender only.</summary>
    public IReadOnlyList<ActionHeader> AppealHeaders =>
        [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(AppealCallbackHeadersJson) ?? []).Select(h => new ActionHeader(h.Key, h.Value))];

    /// <summary>
    /// Sets the callback URLs (null or blank for none) and the appeal callback's headers; a header with a null value keeps
    /// its saved value. Check the headers with <see cref="ActionValidation.HeaderErrors"/> first.
    /// </summary>
    public void SetCallbacks(string? ignoreCallbackUrl, string? appealCallbackUrl, IReadOnlyList<ActionHeaderInput>? appealHeaders = null)
    {
        IgnoreCallbackUrl = Normalize(ignoreCallbackUrl, nameof(ignoreCallbackUrl));
        AppealCallbackUrl = Normalize(appealCallbackUrl, nameof(appealCallbackUrl));
        var merged = ActionValidation.MergeHeaders(appealHeaders ?? [], AppealHeaders);
        AppealCallbackHeadersJson = JsonSerializer.Serialize(merged.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));
    }

    private static string? Normalize(string? url, string name)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        return url.Length <= UrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new ArgumentException("A callback URL is an absolute http(s) URL.", name);
    }
}
