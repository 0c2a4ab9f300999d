using Coop.Domain.Common;

namespace Coop.Domain.Moderation;

/// <summary>
/// A review queue of one organization. Routing places jobs in it; reviewers with access claim them in
/// <see cref="Ordering"/>. At most one queue per organization and <see cref="Kind"/> is the default, which
/// catches what no routing rule matched.
/// </summary>
public sealed class ReviewQueue
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5000;

    private ReviewQueue()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public QueueKind Kind { get; private set; }

    public bool IsDefault { get; private set; }

    public QueueOrdering Ordering { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Users who may work the queue (JSON array of user ids); with <see cref="ReviewerRoleIds"/> both empty, every reviewer may.</summary>
    public string ReviewerUserIds { get; private set; } = "[]";

    /// <summary>Roles whose members may work the queue (JSON array of role ids).</summary>
    public string ReviewerRoleIds { get; private set; } = "[]";

    /// <summary>Actions not offered on this queue's jobs (JSON array of action ids).</summary>
    public string HiddenActionIds { get; private set; } = "[]";

    public IReadOnlyList<string> ReviewerUsers => System.Text.Json.JsonSerializer.Deserialize<string[]>(ReviewerUserIds) ?? [];

    public IReadOnlyList<string> ReviewerRoles => System.Text.Json.JsonSerializer.Deserialize<string[]>(ReviewerRoleIds) ?? [];

    public IReadOnlyList<string> HiddenActions => System.Text.Json.JsonSerializer.Deserialize<string[]>(HiddenActionIds) ?? [];

    /// <summary>True when the queue names who may work it (otherwise every reviewer of the organization may).</summary>
    public bool IsRestricted => ReviewerUsers.Count > 0 || ReviewerRoles.Count > 0;

    public void SetAccess(IEnumerable<string> reviewerUserIds, IEnumerable<string> reviewerRoleIds, IEnumerable<string> hiddenActionIds)
    {
        ReviewerUserIds = System.Text.Json.JsonSerializer.Serialize(reviewerUserIds.Distinct().Order(StringComparer.Ordinal).ToArray());
        ReviewerRoleIds = System.Text.Json.JsonSerializer.Serialize(reviewerRoleIds.Distinct().Order(StringComparer.Ordinal).ToArray());
        HiddenActionIds = System.Text.Json.JsonSerializer.Serialize(hiddenActionIds.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Creates a queue; <paramref name="id"/> keeps an id given by a configuration file (a new one otherwise).</summary>
    public static ReviewQueue Create(
        string organizationId, string name, string? description, QueueKind kind, QueueOrdering ordering, bool isDefault, DateTime nowUtc, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        }

        var queue = new ReviewQueue
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            Kind = kind,
            IsDefault = isDefault,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        queue.Describe(name, description, ordering);
        return queue;
    }

    public void Describe(string name, string? description, QueueOrdering ordering)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > NameMaxLength)
        {
            throw new ArgumentException($"A queue name has at most {NameMaxLength} characters.", nameof(name));
        }

        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description is { Length: > DescriptionMaxLength })
        {
            throw new ArgumentException($"A queue description has at most {DescriptionMaxLength} characters.", nameof(description));
        }

        Name = name;
        Description = description;
        Ordering = ordering;
    }

    public void SetDefault(bool isDefault) => IsDefault = isDefault;
}
