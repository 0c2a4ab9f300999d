using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Coop.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Reports;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.ToTable("Appeals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.AppealId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(a => a.AppealedById).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(a => a.AppealedByTypeId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(a => a.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ActionsTaken).IsRequired();
        builder.Property(a => a.AppealReason).HasMaxLength(5000);
        builder.Property(a => a.ViolatingPolicyIds).IsRequired();
        builder.Property(a => a.RequestId).HasMaxLength(128);
        builder.HasIndex(a => new { a.OrganizationId, a.AppealId });
        builder.HasIndex(a => new { a.OrganizationId, a.ItemTypeId, a.ItemId });
        builder.Property(a => a.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(a => a.UserItemTypeId).HasMaxLength(64);

        // Appeals by a user and appeals about a user (on them or their items), newest first (the user history page).
        builder.HasIndex(a => new { a.OrganizationId, a.AppealedByTypeId, a.AppealedById, a.ReceivedAt, a.Id });
        builder.HasIndex(a => new { a.OrganizationId, a.UserItemTypeId, a.UserItemId, a.ReceivedAt, a.Id });
        builder.Property(a => a.JobId).HasMaxLength(64);
        builder.HasIndex(a => a.JobId);
        builder.HasIndex(a => new { a.RoutedAt, a.ReceivedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(a => a.Context, context =>
        {
            context.ToTable("AppealContextItems");
            context.WithOwner().HasForeignKey("OwnerId");
            context.Property<int>("Id");
            context.HasKey("Id");
            context.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
            context.HasOne(c => c.Submission).WithMany().HasForeignKey("SubmissionId").OnDelete(DeleteBehavior.Restrict);
        });
    }
}
