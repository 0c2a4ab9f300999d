using Coop.Domain.Organizations;
using Coop.Domain.Rules.LocationBanks;
using Coop.Domain.Rules.TextBanks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Rules;

internal sealed class TextBankConfiguration : IEntityTypeConfiguration<TextBank>
{
    public void Configure(EntityTypeBuilder<TextBank> builder)
    {
        builder.ToTable("TextBanks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(64);
        builder.Property(b => b.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(TextBank.NameMaxLength).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(TextBank.DescriptionMaxLength);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.CreatedByUserId).HasMaxLength(450);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.OrganizationId, b.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextBankEntryConfiguration : IEntityTypeConfiguration<TextBankEntry>
{
    public void Configure(EntityTypeBuilder<TextBankEntry> builder)
    {
        builder.ToTable("TextBankEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.BankId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Value).HasMaxLength(TextBankEntries.MaxLength).IsRequired();
        builder.HasIndex(e => e.BankId);
        builder.HasOne<TextBank>().WithMany().HasForeignKey(e => e.BankId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LocationBankConfiguration : IEntityTypeConfiguration<LocationBank>
{
    public void Configure(EntityTypeBuilder<LocationBank> builder)
    {
        builder.ToTable("LocationBanks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(64);
        builder.Property(b => b.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(LocationBank.NameMaxLength).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(LocationBank.DescriptionMaxLength);
        builder.Property(b => b.CreatedByUserId).HasMaxLength(450);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.OrganizationId, b.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LocationBankEntryConfiguration : IEntityTypeConfiguration<LocationBankEntry>
{
    public void Configure(EntityTypeBuilder<LocationBankEntry> builder)
    {
        builder.ToTable("LocationBankEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.BankId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Prefix).HasMaxLength(Domain.Signals.Geo.GeohashPrefixSet.MaxLength).IsRequired();
        builder.Property(e => e.Label).HasMaxLength(LocationBankEntry.LabelMaxLength);
        builder.HasIndex(e => new { e.BankId, e.Prefix }).IsUnique();
        builder.HasOne<LocationBank>().WithMany().HasForeignKey(e => e.BankId).OnDelete(DeleteBehavior.Cascade);
    }
}
