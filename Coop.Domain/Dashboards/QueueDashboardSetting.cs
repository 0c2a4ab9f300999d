namespace Coop.Domain.Dashboards;

/// <summary>Dashboard settings of one review queue: the age (in minutes) its oldest pending job should not pass.</summary>
public sealed class QueueDashboardSetting
{
    public const int MaxSlaMinutes = 60 * 24 * 90;

    private QueueDashboardSetting()
    {
    }

    public string QueueId { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>Null: no target.</summary>
    public int? SlaMinutes { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static QueueDashboardSetting Create(string organizationId, string queueId, int? slaMinutes, DateTime nowUtc)
    {
        var setting = new QueueDashboardSetting { OrganizationId = organizationId, QueueId = queueId };
        setting.SetSla(slaMinutes, nowUtc);
        return setting;
    }

    public void SetSla(int? slaMinutes, DateTime nowUtc)
    {
        if (slaMinutes is < 1 or > MaxSlaMinutes)
        {
            throw new ArgumentOutOfRangeException(nameof(slaMinutes), $"An SLA is between 1 and {MaxSlaMinutes} minutes.");
        }

        SlaMinutes = slaMinutes;
        UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }
}
