namespace Coop.Domain.Strikes;

/// <summary>
/// Strikes added to a user (a user item) by one event — an action run under policies whose action is strike
/// enabled. The weight counts towards the user's score until <see cref="ExpiresAt"/> (the organization's strike
/// TTL when it was added; later TTL changes do not move it) or until it is removed (an accepted appeal).
/// </summary>
public sealed class UserStrike
{
    private UserStrike()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string UserItemTypeId { get; private set; } = string.Empty;

    public string UserItemId { get; private set; } = string.Empty;

    /// <summary>The policy whose weight was applied (the heaviest of the event's policies).</summary>
    public string PolicyId { get; private set; } = string.Empty;

    public int Weight { get; private set; }

    /// <summary>The event that caused it (see <c>ActionExecution.CorrelationId</c>).</summary>
    public string CorrelationId { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RemovedAt { get; private set; }

    /// <summary>
    /// When the expiry job recorded that the strike lapsed (it sets it to <see cref="ExpiresAt"/>). The score never
    /// waits for it: <see cref="IsActiveAt"/> compares with the expiry itself.
    /// </summary>
    public DateTime? ExpiredAt { get; private set; }

    public static UserStrike Add(
        string organizationId, string userItemTypeId, string userItemId, string policyId, int weight, string correlationId, DateTime nowUtc, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userItemTypeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userItemId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return new UserStrike
        {
            OrganizationId = organizationId,
            UserItemTypeId = userItemTypeId,
            UserItemId = userItemId,
            PolicyId = policyId,
            Weight = weight,
            CorrelationId = correlationId,
            CreatedAt = now,
            ExpiresAt = now + ttl,
        };
    }

    /// <summary>Counts towards the score at <paramref name="nowUtc"/>: not expired and not removed.</summary>
    public bool IsActiveAt(DateTime nowUtc) => RemovedAt is null && ExpiresAt > nowUtc;

    public void Remove(DateTime nowUtc) => RemovedAt ??= DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);

    /// <summary>Records that the strike lapsed, if it has by <paramref name="nowUtc"/>; true when this call recorded it.</summary>
    public bool RecordExpiry(DateTime nowUtc)
    {
        if (ExpiredAt is not null || RemovedAt is not null || ExpiresAt > nowUtc)
        {
            return false;
        }

        ExpiredAt = ExpiresAt;
        return true;
    }
}
