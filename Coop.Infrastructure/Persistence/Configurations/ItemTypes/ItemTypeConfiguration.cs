using Coop.Domain.ItemTypes;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.ItemTypes;

internal sealed class ItemTypeConfiguration : IEntityTypeConfiguration<ItemType>
{
    public void Configure(EntityTypeBuilder<ItemType> builder)
    {
        builder.ToTable("ItemTypes");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(ItemType.NameMaxLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(ItemType.DescriptionMaxLength);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(t => t.Version).HasMaxLength(32).IsRequired().IsConcurrencyToken();
        builder.Property(t => t.SchemaJson).IsRequired();
        builder.Ignore(t => t.Schema);
        builder.Ignore(t => t.CanBeDeleted);
        builder.HasIndex(t => new { t.OrganizationId, t.Name }).IsUnique();
        builder.HasIndex(t => new { t.OrganizationId, t.Kind });
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
