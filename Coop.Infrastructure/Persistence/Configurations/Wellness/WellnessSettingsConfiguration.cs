using Coop.Domain.Organizations;
using Coop.Domain.Wellness;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Wellness;

internal sealed class WellnessSettingsConfiguration : IEntityTypeConfiguration<WellnessSettings>
{
    public void Configure(EntityTypeBuilder<WellnessSettings> builder)
    {
        builder.ToTable("WellnessSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.Tone).HasConversion<int?>();
        builder.Ignore(s => s.IsOrganizationDefault);
        builder.HasIndex(s => new { s.OrganizationId, s.UserId }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
