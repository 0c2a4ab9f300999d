using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coop.Domain.Common;

namespace Coop.Domain.Actions;

/// <summary>
/// Something Coop can do to an item: a webhook to the platform (<see cref="ActionType.CustomAction"/>)
/// or one of the built-in enqueue actions every organization has. Ids never change; every edit moves
/// <see cref="Version"/> forward and is kept as an <see cref="ActionDefinitionRevision"/>.
/// </summary>
public sealed class ActionDefinition
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string itemTypeIdsJson = "[]";
    private string headersJson = "[]";
    private string parametersJson = "[]";

    private ActionDefinition()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public ActionType ActionType { get; private set; }

    public bool IsBuiltIn => ActionType != ActionType.CustomAction;

    /// <summary>Ids of the item types the action applies to.</summary>
    public IReadOnlyList<string> ItemTypeIds => JsonSerializer.Deserialize<string[]>(itemTypeIdsJson, Json) ?? [];

    /// <summary>Item kinds (CONTENT, USER, THREAD) the action applies to whatever the type; set for built-in actions.</summary>
    public IReadOnlyList<string> AppliesToAllItemsOfKinds =>
        AppliesToKinds.Length == 0 ? [] : AppliesToKinds.Split(',');

    public string? CallbackUrl { get; private set; }

    /// <summary>The configured headers with their secret values: for the webhook sender only.</summary>
    public IReadOnlyList<ActionHeader> Headers => JsonSerializer.Deserialize<ActionHeader[]>(headersJson, Json) ?? [];

    public IReadOnlyList<string> HeaderNames => [.. Headers.Select(h => h.Name)];

    /// <summary>The runtime inputs the action takes, sent inside the webhook's <c>custom</c>.</summary>
    public IReadOnlyList<ActionParameter> Parameters => JsonSerializer.Deserialize<ActionParameter[]>(parametersJson, Json) ?? [];

    /// <summary>The static JSON object merged into the webhook's <c>custom</c>; null when none.</summary>
    public string? CustomBody { get; private set; }

    /// <summary>The "Strike Enabled" toggle: running the action adds strikes per its policies' weights.</summary>
    public bool ApplyUserStrikes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime Version { get; private set; }

    private string AppliesToKinds { get; set; } = string.Empty;

    /// <summary>The deterministic id of a built-in action of an organization.</summary>
    public static string BuiltInId(string organizationId, ActionType type) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organizationId}:{type.ToWireName()}")))[..16];

    /// <summary>The built-in actions every organization has, as Coop 1.0 names them.</summary>
    public static IReadOnlyList<ActionDefinition> CreateBuiltIns(string organizationId, DateTime nowUtc) =>
    [
        BuiltIn(organizationId, ActionType.EnqueueToMrt, "Enqueue Item to Manual Review",
            "Creates a review job for the item, routed by the routing rules.", "CONTENT,USER,THREAD", nowUtc),
        BuiltIn(organizationId, ActionType.EnqueueAuthorToMrt, "Enqueue Author for Manual Review",
            "Creates a review job for the author of a content item, with the item attached.", "CONTENT", nowUtc),
        BuiltIn(organizationId, ActionType.EnqueueToNcmec, "Enqueue for NCMEC Review",
            "Sends the user behind the item into NCMEC review.", "CONTENT,USER", nowUtc),
    ];

    /// <summary>Problems with <paramref name="details"/> for an action of <paramref name="type"/>, keyed by field; <paramref name="existing"/> supplies kept header values.</summary>
    public static Dictionary<string, string[]> Validate(ActionType type, ActionDefinitionDetails details, ActionDefinition? existing = null)
    {
        var errors = new Dictionary<string, string[]>();
        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(details.Name)] = ["Name the action."];
        }
        else if (name.Length > NameMaxLength)
        {
            errors[nameof(details.Name)] = [$"Use at most {NameMaxLength} characters."];
        }

        if (details.Description?.Length > DescriptionMaxLength)
        {
            errors[nameof(details.Description)] = [$"Use at most {DescriptionMaxLength} characters."];
        }

        if (details.ItemTypeIds.Any(id => !ConfigIds.IsValid(id)))
        {
            errors[nameof(details.ItemTypeIds)] = ["An item type id is not valid."];
        }

        if (type != ActionType.CustomAction)
        {
            if (!string.IsNullOrWhiteSpace(details.CallbackUrl) || details.Headers.Count > 0 || !string.IsNullOrWhiteSpace(details.CustomBody)
                || details.Parameters is { Count: > 0 })
            {
                errors[nameof(details.CallbackUrl)] = ["Built-in actions have no callback URL, headers, body or parameters."];
            }

            return errors;
        }

        if (ActionValidation.CallbackUrlError(details.CallbackUrl) is { } urlError)
        {
            errors[nameof(details.CallbackUrl)] = [urlError];
        }

        var headerErrors = ActionValidation.HeaderErrors(details.Headers, existing?.HeaderNames ?? []).ToArray();
        if (headerErrors.Length > 0)
        {
            errors[nameof(details.Headers)] = headerErrors;
        }

        if (ActionValidation.CustomBodyError(details.CustomBody) is { } bodyError)
        {
            errors[nameof(details.CustomBody)] = [bodyError];
        }

        var parameterErrors = ActionParameters.SpecErrors(details.Parameters ?? []).ToArray();
        if (parameterErrors.Length > 0)
        {
            errors[nameof(details.Parameters)] = parameterErrors;
        }

        return errors;
    }

    public static ActionDefinition CreateCustom(string organizationId, string? id, ActionDefinitionDetails details, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        }

        var action = new ActionDefinition
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            ActionType = ActionType.CustomAction,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        action.Apply(details);
        action.Version = Versions.Next(null, nowUtc);
        return action;
    }

    /// <summary>Applies new details; returns false (and keeps the version) when nothing changed.</summary>
    public bool Update(ActionDefinitionDetails details, DateTime nowUtc)
    {
        var before = StateKey();
        Apply(details);
        if (StateKey() == before)
        {
            return false;
        }

        Version = Versions.Next(Version, nowUtc);
        return true;
    }

    /// <summary>The editable fields as an editor starts from them; header values are left out (null = keep).</summary>
    public ActionDefinitionDetails ToDetails() => new(
        Name, Description, ItemTypeIds, CallbackUrl, [.. Headers.Select(h => new ActionHeaderInput(h.Name, null))], CustomBody, ApplyUserStrikes, Parameters);


    private static ActionDefinition BuiltIn(string organizationId, ActionType type, string name, string description, string kinds, DateTime nowUtc) => new()
    {
        Id = BuiltInId(organizationId, type),
        OrganizationId = organizationId,
        ActionType = type,
        Name = name,
        Description = description,
        AppliesToKinds = kinds,
        CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        Version = Versions.Next(null, nowUtc),
    };

    private void Apply(ActionDefinitionDetails details)
    {
        var errors = Validate(ActionType, details, this);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(details));
        }

        Name = details.Name.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        itemTypeIdsJson = JsonSerializer.Serialize(details.ItemTypeIds.Select(i => i.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), Json);
        ApplyUserStrikes = details.ApplyUserStrikes;
        if (IsBuiltIn)
        {
            return;
        }

        CallbackUrl = details.CallbackUrl!.Trim();
        headersJson = JsonSerializer.Serialize(ActionValidation.MergeHeaders(details.Headers, Headers), Json);
        CustomBody = ActionValidation.NormalizeBody(details.CustomBody);
        if (details.Parameters is not null)
        {
            parametersJson = JsonSerializer.Serialize(details.Parameters, Json);
        }
    }

    private string StateKey() =>
        string.Join('\u001f', Name, Description, itemTypeIdsJson, CallbackUrl, headersJson, parametersJson, CustomBody, ApplyUserStrikes, AppliesToKinds);
}
