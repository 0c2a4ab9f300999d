using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.ChildSafety;

internal sealed class NcmecJobContentConfiguration : IEntityTypeConfiguration<NcmecJobContent>
{
    public void Configure(EntityTypeBuilder<NcmecJobContent> builder)
    {
        builder.ToTable("NcmecJobContents");
        builder.HasKey(c => c.JobId);
        builder.Property(c => c.JobId).HasMaxLength(64);
        builder.Property(c => c.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(c => c.UserItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.MediaJson).IsRequired();
        builder.Ignore(c => c.Media);
        builder.HasOne<ReviewJob>().WithOne().HasForeignKey<NcmecJobContent>(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NcmecJobItemConfiguration : IEntityTypeConfiguration<NcmecJobItem>
{
    public void Configure(EntityTypeBuilder<NcmecJobItem> builder)
    {
        builder.ToTable("NcmecJobItems");
        builder.HasKey(i => new { i.JobId, i.ItemTypeId, i.ItemId });
        builder.Property(i => i.JobId).HasMaxLength(64);
        builder.Property(i => i.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ItemTypeId).HasMaxLength(64);
        builder.Property(i => i.ItemId).HasMaxLength(ItemSubmission.MaxIdLength);

        // Investigation hides items that are in child-safety review: looked up by item.
        builder.HasIndex(i => new { i.OrganizationId, i.ItemTypeId, i.ItemId });
        builder.HasOne<ReviewJob>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
