using Coop.Domain.Organizations;
using Coop.Domain.Strikes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Strikes;

internal sealed class StrikeThresholdConfiguration : IEntityTypeConfiguration<StrikeThreshold>
{
    public void Configure(EntityTypeBuilder<StrikeThreshold> builder)
    {
        builder.ToTable("StrikeThresholds");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.ActionIds).IsRequired();
        builder.Property(t => t.ActionParameters).IsRequired();
        builder.HasIndex(t => new { t.OrganizationId, t.Threshold }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
