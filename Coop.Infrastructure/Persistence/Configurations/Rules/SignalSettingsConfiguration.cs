using Coop.Domain.Organizations;
using Coop.Domain.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Rules;

internal sealed class SignalSettingsConfiguration : IEntityTypeConfiguration<SignalSettings>
{
    public void Configure(EntityTypeBuilder<SignalSettings> builder)
    {
        builder.ToTable("SignalSettings");
        builder.HasKey(s => new { s.OrganizationId, s.SignalId });
        builder.Property(s => s.OrganizationId).HasMaxLength(64);
        builder.Property(s => s.SignalId).HasMaxLength(SignalSettings.SignalIdMaxLength);
        builder.Property(s => s.ValuesJson).IsRequired();
        builder.Property(s => s.UpdatedByUserId).HasMaxLength(450);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
