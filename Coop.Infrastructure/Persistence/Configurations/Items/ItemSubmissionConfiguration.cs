using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Items;

internal sealed class ItemSubmissionConfiguration : IEntityTypeConfiguration<ItemSubmission>
{
    public void Configure(EntityTypeBuilder<ItemSubmission> builder)
    {
        builder.ToTable("ItemSubmissions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(s => s.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.ItemTypeVersion).HasMaxLength(64).IsRequired();
        builder.Property(s => s.SchemaVariant).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Data).IsRequired();
        builder.Property(s => s.Source).HasMaxLength(32).IsRequired();
        builder.Property(s => s.RequestId).HasMaxLength(128);
        builder.Property(s => s.CreatorId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(s => s.CreatorTypeId).HasMaxLength(64);
        builder.Property(s => s.ThreadId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(s => s.ThreadTypeId).HasMaxLength(64);
        builder.Property(s => s.ParentId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(s => s.ParentTypeId).HasMaxLength(64);
        builder.Property(s => s.DisplayName).HasMaxLength(512);
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.Property(s => s.LeaseOwner).HasMaxLength(64);

        // Item history, author history, thread context, and the worker's queue of unprocessed rows.
        builder.HasIndex(s => new { s.OrganizationId, s.ItemTypeId, s.ItemId, s.Id });
        builder.HasIndex(s => new { s.OrganizationId, s.CreatorTypeId, s.CreatorId, s.ReceivedAt });
        builder.HasIndex(s => new { s.OrganizationId, s.ThreadTypeId, s.ThreadId, s.ReceivedAt });
        builder.HasIndex(s => new { s.ProcessedAt, s.Id });
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
