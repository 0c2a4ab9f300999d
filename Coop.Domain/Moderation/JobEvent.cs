namespace Coop.Domain.Moderation;

/// <summary>One line of a job's history (claims, skips, hand-offs, expiries, moves, the decision), written with the change.</summary>
public sealed class JobEvent
{
    public const int DetailMaxLength = 500;

    private JobEvent()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string JobId { get; private set; } = string.Empty;

    public JobEventKind Kind { get; private set; }

    /// <summary>Who did it; null for the system (an expired claim).</summary>
    public string? UserId { get; private set; }

    /// <summary>The other person concerned, e.g. who a job was handed to.</summary>
    public string? OtherUserId { get; private set; }

    public string? Detail { get; private set; }

    public DateTime At { get; private set; }

    public static JobEvent Record(string organizationId, string jobId, JobEventKind kind, string? userId, DateTime nowUtc, string? otherUserId = null, string? detail = null) =>
        new()
        {
            OrganizationId = organizationId,
            JobId = jobId,
            Kind = kind,
            UserId = userId,
            OtherUserId = otherUserId,
            Detail = detail is { Length: > DetailMaxLength } ? detail[..DetailMaxLength] : detail,
            At = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
}
