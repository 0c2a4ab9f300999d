using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Items;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("Items");
        builder.HasKey(i => new { i.OrganizationId, i.ItemTypeId, i.ItemId });
        builder.Property(i => i.OrganizationId).HasMaxLength(64);
        builder.Property(i => i.ItemTypeId).HasMaxLength(64);
        builder.Property(i => i.ItemId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(i => i.CreatorId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(i => i.CreatorTypeId).HasMaxLength(64);
        builder.Property(i => i.ThreadId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(i => i.ThreadTypeId).HasMaxLength(64);
        // A user's items, newest first (the job view's author panel, the user history page's keyset pages).
        builder.HasIndex(i => new { i.OrganizationId, i.CreatorTypeId, i.CreatorId, i.LastSeenAt, i.ItemTypeId, i.ItemId });
        // A user's items (with or without the user's type), an item id of any type, and newest-first browsing (investigation).
        builder.HasIndex(i => new { i.OrganizationId, i.CreatorId, i.CreatorTypeId });
        builder.HasIndex(i => new { i.OrganizationId, i.ItemId });
        builder.HasIndex(i => new { i.OrganizationId, i.LastSeenAt, i.ItemTypeId, i.ItemId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
