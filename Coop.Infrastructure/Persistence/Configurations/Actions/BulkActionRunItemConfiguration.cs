using Coop.Domain.Actions;
using Coop.Domain.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class BulkActionRunItemConfiguration : IEntityTypeConfiguration<BulkActionRunItem>
{
    public void Configure(EntityTypeBuilder<BulkActionRunItem> builder)
    {
        builder.ToTable("BulkActionRunItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.RunId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Error).HasMaxLength(BulkActionRunItem.ErrorMaxLength);
        builder.HasIndex(i => new { i.RunId, i.ItemId }).IsUnique();
        builder.HasIndex(i => new { i.RunId, i.Status, i.Id });
        builder.HasOne<BulkActionRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
