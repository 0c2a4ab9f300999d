using Coop.Domain.Organizations;
using Coop.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Policies;

internal sealed class PolicyRevisionConfiguration : IEntityTypeConfiguration<PolicyRevision>
{
    public void Configure(EntityTypeBuilder<PolicyRevision> builder)
    {
        builder.ToTable("PolicyRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.PolicyId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Change).HasMaxLength(16).IsRequired();
        builder.Property(r => r.ChangedBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Snapshot).IsRequired();
        builder.HasIndex(r => new { r.PolicyId, r.Version });
        builder.HasIndex(r => r.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
