using System.Text.Json;
using Coop.Domain.Common;

namespace Coop.Domain.Rules;

/// <summary>
/// A proactive rule: on every ingested item of its <see cref="ItemTypes"/>, its condition is evaluated; when it
/// passes, a Live rule runs its actions under its policies (and/or enqueues the item for review in
/// <see cref="EnqueueQueueId"/>). Every change of the definition makes a new <see cref="Version"/> (kept in
/// <see cref="RuleVersion"/>), and evaluations record the version they used.
/// </summary>
public sealed class Rule
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5000;

    private Rule()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public RuleStatus Status { get; private set; }

    /// <summary>Starts at 1; each definition change adds one.</summary>
    public int Version { get; private set; }

    /// <summary>Item type ids the rule runs on (JSON array; at least one).</summary>
    public string ItemTypeIds { get; private set; } = "[]";

    /// <summary>The condition (see <c>Coop.Domain.Conditions</c>) as JSON.</summary>
    public string ConditionJson { get; private set; } = "{}";

    /// <summary>Actions to run when the rule passes (JSON array of ids, in order).</summary>
    public string ActionIds { get; private set; } = "[]";

    /// <summary>Parameter values per action id (JSON object of objects).</summary>
    public string ActionParameters { get; private set; } = "{}";

    /// <summary>Policies the actions run under (JSON array of ids).</summary>
    public string PolicyIds { get; private set; } = "[]";

    /// <summary>A queue to enqueue matching items into for review (besides or instead of actions).</summary>
    public string? EnqueueQueueId { get; private set; }

    /// <summary>Free-form tags (JSON array).</summary>
    public string Tags { get; private set; } = "[]";

    /// <summary>At most this many passing evaluations act per UTC day (null: no limit). Background passes never count.</summary>
    public int? MaxDailyActions { get; private set; }

    public int DailyActionsRun { get; private set; }

    public DateOnly? LastActionDate { get; private set; }

    /// <summary>After this the rule stops running (null: never).</summary>
    public DateTime? ExpiresAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<string> ItemTypeIdList => Parse(ItemTypeIds);

    public IReadOnlyList<string> ActionIdList => Parse(ActionIds);

    public IReadOnlyList<string> PolicyIdList => Parse(PolicyIds);

    public IReadOnlyList<string> TagList => Parse(Tags);

    public static Rule Create(string organizationId, string? createdByUserId, DateTime nowUtc, string? id = null)
    {
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        }

        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return new Rule
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            CreatedByUserId = createdByUserId,
            CreatedAt = now,
            UpdatedAt = now,
            Status = RuleStatus.Draft,
        };
    }

    /// <summary>Sets the definition; returns true (and bumps <see cref="Version"/>) when anything changed.</summary>
    public bool Define(RuleDefinition definition, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name);
        var next = new
        {
            Name = definition.Name.Trim(),
            Description = string.IsNullOrWhiteSpace(definition.Description) ? null : definition.Description.Trim(),
            definition.Status,
            ItemTypeIds = Serialize(definition.ItemTypeIds),
            definition.ConditionJson,
            ActionIds = Serialize(definition.ActionIds),
            definition.ActionParametersJson,
            PolicyIds = Serialize(definition.PolicyIds),
            EnqueueQueueId = string.IsNullOrWhiteSpace(definition.EnqueueQueueId) ? null : definition.EnqueueQueueId,
            Tags = Serialize(definition.Tags),
            definition.MaxDailyActions,
            ExpiresAt = definition.ExpiresAt is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : (DateTime?)null,
        };
        var changed = Version == 0 || next.Name != Name || next.Description != Description || next.Status != Status
            || next.ItemTypeIds != ItemTypeIds || next.ConditionJson != ConditionJson || next.ActionIds != ActionIds
            || next.ActionParametersJson != ActionParameters || next.PolicyIds != PolicyIds || next.EnqueueQueueId != EnqueueQueueId
            || next.Tags != Tags || next.MaxDailyActions != MaxDailyActions || next.ExpiresAt != ExpiresAt;
        if (!changed)
        {
            return false;
        }

        Name = next.Name;
        Description = next.Description;
        Status = next.Status;
        ItemTypeIds = next.ItemTypeIds;
        ConditionJson = next.ConditionJson;
        ActionIds = next.ActionIds;
        ActionParameters = next.ActionParametersJson;
        PolicyIds = next.PolicyIds;
        EnqueueQueueId = next.EnqueueQueueId;
        Tags = next.Tags;
        MaxDailyActions = next.MaxDailyActions;
        ExpiresAt = next.ExpiresAt;
        Version++;
        UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return true;
    }

    /// <summary>The definition as it is now (for versions, editing and export).</summary>
    public RuleDefinition Definition => new(
        Name, Description, Status, ItemTypeIdList, ConditionJson, ActionIdList, ActionParameters, PolicyIdList, EnqueueQueueId, TagList,
        MaxDailyActions, ExpiresAt);

    /// <summary>Whether the rule runs at <paramref name="nowUtc"/>: Live or Background and not expired.</summary>
    public bool IsEnabledAt(DateTime nowUtc) => Status is RuleStatus.Live or RuleStatus.Background && (ExpiresAt is null || ExpiresAt > nowUtc);

    /// <summary>Whether a passing Live evaluation may still act today (the daily limit).</summary>
    public bool HasActionQuota(DateTime nowUtc) =>
        MaxDailyActions is not { } max || LastActionDate != DateOnly.FromDateTime(nowUtc) || DailyActionsRun < max;

    /// <summary>Counts one acting pass against today's limit.</summary>
    public void CountAction(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        DailyActionsRun = LastActionDate == today ? DailyActionsRun + 1 : 1;
        LastActionDate = today;
    }

    private static string Serialize(IEnumerable<string>? values) =>
        JsonSerializer.Serialize((values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToArray());

    private static string[] Parse(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}

/// <summary>Everything that defines a rule (what a version captures).</summary>
public sealed record RuleDefinition(
    string Name,
    string? Description,
    RuleStatus Status,
    IReadOnlyList<string> ItemTypeIds,
    string ConditionJson,
    IReadOnlyList<string> ActionIds,
    string ActionParametersJson,
    IReadOnlyList<string> PolicyIds,
    string? EnqueueQueueId,
    IReadOnlyList<string> Tags,
    int? MaxDailyActions,
    DateTime? ExpiresAt);
