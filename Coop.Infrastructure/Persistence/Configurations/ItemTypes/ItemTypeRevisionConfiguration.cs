using Coop.Domain.ItemTypes;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.ItemTypes;

/// <summary>
/// Revisions are keyed by (item type, version) and have no foreign key to the item type: they outlive it, so
/// submissions of a deleted type stay readable.
/// </summary>
internal sealed class ItemTypeRevisionConfiguration : IEntityTypeConfiguration<ItemTypeRevision>
{
    public void Configure(EntityTypeBuilder<ItemTypeRevision> builder)
    {
        builder.ToTable("ItemTypeRevisions");
        builder.HasKey(r => new { r.ItemTypeId, r.Version });
        builder.Property(r => r.ItemTypeId).HasMaxLength(64);
        builder.Property(r => r.Version).HasMaxLength(32);
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(ItemType.NameMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(ItemType.DescriptionMaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(r => r.SchemaJson).IsRequired();
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Ignore(r => r.Schema);
        builder.HasIndex(r => r.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
