using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Coop.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ReporterKind).HasMaxLength(16).IsRequired();
        builder.Property(r => r.ReporterId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(r => r.ReporterTypeId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(r => r.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.PolicyId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(5000);
        builder.Property(r => r.ReportedItemsInThread).IsRequired();
        builder.Property(r => r.RequestId).HasMaxLength(128);
        builder.Property(r => r.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(r => r.UserItemTypeId).HasMaxLength(64);
        builder.HasIndex(r => new { r.OrganizationId, r.ItemTypeId, r.ItemId, r.ReceivedAt });

        // Reports against a user (on them or their items), newest first (the user history page).
        builder.HasIndex(r => new { r.OrganizationId, r.UserItemTypeId, r.UserItemId, r.ReceivedAt, r.Id });
        // Reports a user made, newest first (reporter invalidation, the user history page).
        builder.HasIndex(r => new { r.OrganizationId, r.ReporterTypeId, r.ReporterId, r.ReceivedAt, r.Id });
        builder.Property(r => r.JobId).HasMaxLength(64);
        builder.HasIndex(r => r.JobId);
        builder.HasIndex(r => new { r.RoutedAt, r.ReceivedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(r => r.Context, context =>
        {
            context.ToTable("ReportContextItems");
            context.WithOwner().HasForeignKey("OwnerId");
            context.Property<int>("Id");
            context.HasKey("Id");
            context.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
            context.HasOne(c => c.Submission).WithMany().HasForeignKey("SubmissionId").OnDelete(DeleteBehavior.Restrict);
        });
    }
}
