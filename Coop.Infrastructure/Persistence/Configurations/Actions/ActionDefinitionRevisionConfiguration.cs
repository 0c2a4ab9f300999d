using Coop.Domain.Actions;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class ActionDefinitionRevisionConfiguration : IEntityTypeConfiguration<ActionDefinitionRevision>
{
    public void Configure(EntityTypeBuilder<ActionDefinitionRevision> builder)
    {
        builder.ToTable("ActionRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ActionId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Change).HasMaxLength(16).IsRequired();
        builder.Property(r => r.ChangedBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Snapshot).IsRequired();
        builder.HasIndex(r => new { r.ActionId, r.Version });
        builder.HasIndex(r => r.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
