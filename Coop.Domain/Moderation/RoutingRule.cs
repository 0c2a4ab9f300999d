using Coop.Domain.Common;

namespace Coop.Domain.Moderation;

/// <summary>
/// Sends reports (or appeals) whose condition matches to a queue. Rules of a kind are tried in
/// <see cref="Position"/> order and the first match wins; what no rule takes goes to the default queue of the kind.
/// </summary>
public sealed class RoutingRule
{
    public const int NameMaxLength = 200;

    private RoutingRule()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    /// <summary>Reports or appeals (<see cref="QueueKind.Standard"/> or <see cref="QueueKind.Appeals"/>).</summary>
    public QueueKind Kind { get; private set; }

    public int Position { get; private set; }

    /// <summary>The condition as JSON (see <c>Coop.Domain.Conditions</c>).</summary>
    public string ConditionJson { get; private set; } = "{}";

    public string TargetQueueId { get; private set; } = string.Empty;

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Creates an empty rule (see <see cref="Define"/>); <paramref name="id"/> keeps an id given by a configuration file.</summary>
    public static RoutingRule Create(string organizationId, QueueKind kind, int position, DateTime nowUtc, string? id = null)
    {
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        }

        return new RoutingRule
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            Kind = kind,
            Position = position,
            UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }

    public void Define(string name, string? description, string conditionJson, string targetQueueId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(conditionJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetQueueId);
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ConditionJson = conditionJson;
        TargetQueueId = targetQueueId;
        UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public void MoveTo(int position) => Position = position;
}
