using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Administration;

internal sealed class SingleSignOnSettingsConfiguration : IEntityTypeConfiguration<SingleSignOnSettings>
{
    public void Configure(EntityTypeBuilder<SingleSignOnSettings> builder)
    {
        builder.ToTable("SingleSignOnSettings");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.OrganizationId).HasMaxLength(64);
        builder.Property(s => s.ProviderKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.DisplayName).HasMaxLength(SingleSignOnSettings.DisplayNameMaxLength);
        builder.Property(s => s.Authority).HasMaxLength(SingleSignOnSettings.UrlMaxLength);
        builder.Property(s => s.TenantId).HasMaxLength(256);
        builder.Property(s => s.Instance).HasMaxLength(SingleSignOnSettings.UrlMaxLength);
        builder.Property(s => s.ClientId).HasMaxLength(SingleSignOnSettings.ClientIdMaxLength);
        builder.Property(s => s.Scopes).HasMaxLength(SingleSignOnSettings.ScopesMaxLength).IsRequired();
        builder.Property(s => s.AllowedEmailDomains).HasMaxLength(SingleSignOnSettings.DomainsMaxLength).IsRequired();
        builder.Property(s => s.DefaultRoleId).HasMaxLength(64);
        builder.Property(s => s.BreakGlassUserId).HasMaxLength(64);
        builder.Property(s => s.UpdatedByUserId).HasMaxLength(64);
        builder.Ignore(s => s.AllowedDomains);
        builder.Ignore(s => s.EffectiveAuthority);
        builder.Ignore(s => s.ButtonName);
        builder.HasOne<Organization>().WithOne().HasForeignKey<SingleSignOnSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
