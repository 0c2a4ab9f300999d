using Coop.Domain.Organizations;
using Coop.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Rules;

internal sealed class HashBankConfiguration : IEntityTypeConfiguration<HashBank>
{
    public void Configure(EntityTypeBuilder<HashBank> builder)
    {
        builder.ToTable("HashBanks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(64);
        builder.Property(b => b.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(HashBank.NameMaxLength).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(HashBank.DescriptionMaxLength);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.OrganizationId, b.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HashBankEntryConfiguration : IEntityTypeConfiguration<HashBankEntry>
{
    public void Configure(EntityTypeBuilder<HashBankEntry> builder)
    {
        builder.ToTable("HashBankEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.BankId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Value).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Label).HasMaxLength(HashBankEntry.LabelMaxLength);
        builder.Property(e => e.SourceId).HasMaxLength(HashBankEntry.SourceIdMaxLength);
        builder.HasIndex(e => new { e.BankId, e.Kind, e.Value }).IsUnique();
        builder.HasOne<HashBank>().WithMany().HasForeignKey(e => e.BankId).OnDelete(DeleteBehavior.Cascade);
    }
}
