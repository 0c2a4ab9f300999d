using Coop.Domain.Organizations;
using Coop.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Webhooks;

internal sealed class WebhookSigningKeyConfiguration : IEntityTypeConfiguration<WebhookSigningKey>
{
    public void Configure(EntityTypeBuilder<WebhookSigningKey> builder)
    {
        builder.ToTable("WebhookSigningKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(k => k.ActiveOrganizationId).HasMaxLength(64);
        builder.Property(k => k.PublicKeyPem).HasMaxLength(2000).IsRequired();
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
        builder.Ignore(k => k.IsActive);

        // One active key per organization on every provider: NULLs (retired keys) never collide
        // (SQL Server gets an IS NOT NULL filter from EF's convention for unique nullable indexes).
        builder.HasIndex(k => k.ActiveOrganizationId).IsUnique();
        builder.HasIndex(k => new { k.OrganizationId, k.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
