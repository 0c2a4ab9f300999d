using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class ReviewJobConfiguration : IEntityTypeConfiguration<ReviewJob>
{
    public void Configure(EntityTypeBuilder<ReviewJob> builder)
    {
        builder.ToTable("ReviewJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(64);
        builder.Property(j => j.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(j => j.QueueId).HasMaxLength(64).IsRequired();
        builder.Property(j => j.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(j => j.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(j => j.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Status).HasConversion<int>();
        builder.Property(j => j.OpenItemKey).HasMaxLength(ItemSubmission.MaxIdLength + 65);
        builder.Property(j => j.AppealId).HasMaxLength(64);
        builder.Property(j => j.PolicyIds).IsRequired();
        builder.Property(j => j.ClaimedByUserId).HasMaxLength(450);
        builder.Property(j => j.ClosedByUserId).HasMaxLength(450);

        // One open job per item per queue (the key is null once closed; SQL Server filters nulls out by convention).
        builder.HasIndex(j => new { j.QueueId, j.OpenItemKey }).IsUnique();

        // The claim scans: open jobs of a queue in age order, or in priority order.
        builder.HasIndex(j => new { j.QueueId, j.Status, j.CreatedAt });
        builder.HasIndex(j => new { j.QueueId, j.Status, j.PriorityScore, j.CreatedAt });
        builder.HasIndex(j => new { j.OrganizationId, j.ItemTypeId, j.ItemId });
        builder.HasIndex(j => new { j.ClaimedByUserId, j.ClaimExpiresAt });
        builder.HasOne<ReviewQueue>().WithMany().HasForeignKey(j => j.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}
