using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.ToTable("ReviewDecisions");

        // One decision per job: a second submission for the same job fails on the key.
        builder.HasKey(d => d.JobId);
        builder.Property(d => d.JobId).HasMaxLength(64);
        builder.Property(d => d.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.QueueId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.ReviewerUserId).HasMaxLength(450);
        builder.Property(d => d.ReviewerEmail).HasMaxLength(256);
        builder.Property(d => d.ActionIds).IsRequired();
        builder.Property(d => d.PolicyIds).IsRequired();
        builder.Property(d => d.Reason).HasMaxLength(ReviewDecision.ReasonMaxLength);
        builder.Property(d => d.TargetQueueId).HasMaxLength(64);
        builder.Property(d => d.TargetJobId).HasMaxLength(64);
        builder.Ignore(d => d.Waited);
        builder.HasIndex(d => new { d.OrganizationId, d.DecidedAt });
        builder.HasIndex(d => new { d.OrganizationId, d.ItemTypeId, d.ItemId, d.DecidedAt });
        builder.HasIndex(d => new { d.OrganizationId, d.ReviewerUserId, d.DecidedAt });
        builder.Property(d => d.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(d => d.UserItemTypeId).HasMaxLength(64);

        // Decisions about a user (on them or their items), newest first (the user history page).
        builder.HasIndex(d => new { d.OrganizationId, d.UserItemTypeId, d.UserItemId, d.DecidedAt, d.JobId });
        builder.HasOne<ReviewJob>().WithOne().HasForeignKey<ReviewDecision>(d => d.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
