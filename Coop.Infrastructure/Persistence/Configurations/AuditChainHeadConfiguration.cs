using Coop.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHeads");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(16);
        builder.Property(h => h.Hash).HasMaxLength(64).IsRequired();
        builder.Property(h => h.LastVerificationProblem).HasMaxLength(1000);

        // The head exists from the start, so appending only ever updates it (and takes its lock).
        builder.HasData(new { Id = AuditChainHead.GlobalId, Sequence = 0L, Hash = AuditHash.Genesis, Version = 0L });
    }
}
