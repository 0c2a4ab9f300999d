using Coop.Domain.Actions;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class BulkActionRunConfiguration : IEntityTypeConfiguration<BulkActionRun>
{
    public void Configure(EntityTypeBuilder<BulkActionRun> builder)
    {
        builder.ToTable("BulkActionRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ActorUserId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.ActorEmail).HasMaxLength(256).IsRequired();
        builder.Property(r => r.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ActionIds).IsRequired();
        builder.Property(r => r.ActionParameters).IsRequired();
        builder.Property(r => r.PolicyIds).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(ActionExecution.NoteMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(BulkActionRunItem.ErrorMaxLength);
        builder.Ignore(r => r.IsActive);
        builder.Ignore(r => r.RemainingItems);
        builder.HasIndex(r => new { r.OrganizationId, r.CreatedAt });
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
