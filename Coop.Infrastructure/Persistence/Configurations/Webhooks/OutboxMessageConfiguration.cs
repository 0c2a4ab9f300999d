using Coop.Domain.Organizations;
using Coop.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Webhooks;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(64);
        builder.Property(m => m.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Kind).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ActionId).HasMaxLength(64);
        builder.Property(m => m.ItemId).HasMaxLength(450);
        builder.Property(m => m.ItemTypeId).HasMaxLength(64);
        builder.Property(m => m.TargetUrl).HasMaxLength(OutboxMessage.TargetUrlMaxLength).IsRequired();
        builder.Property(m => m.HeadersJson).IsRequired();
        builder.Property(m => m.Body).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LeaseToken).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(Domain.Webhooks.DeliveryAttempt.ErrorMaxLength);

        // The dispatcher's scan (due pending messages) and the delivery log (an org's recent messages).
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.OrganizationId, m.CreatedAt });
        builder.HasIndex(m => new { m.OrganizationId, m.ItemTypeId, m.ItemId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<DeliveryAttempt>().WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
