using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Dashboards;

internal sealed class DashboardCounterConfiguration : IEntityTypeConfiguration<DashboardCounter>
{
    public void Configure(EntityTypeBuilder<DashboardCounter> builder)
    {
        builder.ToTable("DashboardCounters");

        // Tiles read (organization, series, hour range) and then the keys: the key is the index they read.
        builder.HasKey(c => new { c.OrganizationId, c.Series, c.HourStart, c.Key1, c.Key2 });

        // The same key with the value: a tile's range is answered from the index alone (on SQLite the primary key of a rowid
        // table is a separate index, so without this every cell read is also a table lookup).
        builder.HasIndex(c => new { c.OrganizationId, c.Series, c.HourStart, c.Key1, c.Key2, c.Value }).HasDatabaseName("IX_DashboardCounters_Covering");
        builder.Property(c => c.OrganizationId).HasMaxLength(64);
        builder.Property(c => c.Series).HasMaxLength(32);
        builder.Property(c => c.Key1).HasMaxLength(DashboardCounter.KeyMaxLength);
        builder.Property(c => c.Key2).HasMaxLength(DashboardCounter.KeyMaxLength);
    }
}

internal sealed class DashboardDailyCounterConfiguration : IEntityTypeConfiguration<DashboardDailyCounter>
{
    public void Configure(EntityTypeBuilder<DashboardDailyCounter> builder)
    {
        builder.ToTable("DashboardDailyCounters");
        builder.HasKey(c => new { c.OrganizationId, c.Series, c.DayStart, c.Key1, c.Key2 });
        builder.HasIndex(c => new { c.OrganizationId, c.Series, c.DayStart, c.Key1, c.Key2, c.Value }).HasDatabaseName("IX_DashboardDailyCounters_Covering");
        builder.Property(c => c.OrganizationId).HasMaxLength(64);
        builder.Property(c => c.Series).HasMaxLength(32);
        builder.Property(c => c.Key1).HasMaxLength(DashboardCounter.KeyMaxLength);
        builder.Property(c => c.Key2).HasMaxLength(DashboardCounter.KeyMaxLength);
    }
}

internal sealed class DashboardDailyStateConfiguration : IEntityTypeConfiguration<DashboardDailyState>
{
    public void Configure(EntityTypeBuilder<DashboardDailyState> builder)
    {
        builder.ToTable("DashboardDailyStates");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.OrganizationId).HasMaxLength(64);
        builder.Property(s => s.TimeZone).HasMaxLength(DashboardDailyState.TimeZoneMaxLength).IsRequired();
    }
}

internal sealed class QueueDashboardSettingConfiguration : IEntityTypeConfiguration<QueueDashboardSetting>
{
    public void Configure(EntityTypeBuilder<QueueDashboardSetting> builder)
    {
        builder.ToTable("QueueDashboardSettings");
        builder.HasKey(s => s.QueueId);
        builder.Property(s => s.QueueId).HasMaxLength(64);
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.OrganizationId);
        builder.HasOne<ReviewQueue>().WithMany().HasForeignKey(s => s.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Indexes the dashboards need on other areas' tables (kept here so the dashboards own them): the roll-up job reads the last
/// hours of jobs, claims/skips, reports and appeals by time, and the live overview reads current claims by expiry.
/// </summary>
internal sealed class DashboardReviewJobIndexes : IEntityTypeConfiguration<ReviewJob>
{
    public void Configure(EntityTypeBuilder<ReviewJob> builder)
    {
        builder.HasIndex(j => new { j.OrganizationId, j.CreatedAt }).HasDatabaseName("IX_ReviewJobs_Dashboard_Created");
        builder.HasIndex(j => new { j.OrganizationId, j.ClaimExpiresAt }).HasDatabaseName("IX_ReviewJobs_Dashboard_Claims");
    }
}

internal sealed class DashboardJobEventIndexes : IEntityTypeConfiguration<JobEvent>
{
    public void Configure(EntityTypeBuilder<JobEvent> builder) =>
        builder.HasIndex(e => new { e.OrganizationId, e.Kind, e.At }).HasDatabaseName("IX_JobEvents_Dashboard");
}

internal sealed class DashboardReportIndexes : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder) =>
        builder.HasIndex(r => new { r.OrganizationId, r.ReceivedAt }).HasDatabaseName("IX_Reports_Dashboard");
}

internal sealed class DashboardAppealIndexes : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder) =>
        builder.HasIndex(a => new { a.OrganizationId, a.ReceivedAt }).HasDatabaseName("IX_Appeals_Dashboard");
}
