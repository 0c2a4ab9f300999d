using Coop.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Webhooks;

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("DeliveryAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.OutboxMessageId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Error).HasMaxLength(DeliveryAttempt.ErrorMaxLength);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => new { a.OutboxMessageId, a.AttemptNumber }).IsUnique();
    }
}
