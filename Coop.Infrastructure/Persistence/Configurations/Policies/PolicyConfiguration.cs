using Coop.Domain.Organizations;
using Coop.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Policies;

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.ToTable("Policies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(Policy.NameMaxLength).IsRequired();
        builder.Property(p => p.ParentId).HasMaxLength(64);
        builder.Property(p => p.Description).HasMaxLength(Policy.TextMaxLength);
        builder.Property(p => p.EnforcementGuidelines).HasMaxLength(Policy.TextMaxLength);
        builder.Property(p => p.Penalty).HasMaxLength(16).HasConversion(p => p.ToWireName(), s => PenaltyNames.Parse(s));
        builder.Ignore(p => p.Details);
        builder.HasIndex(p => new { p.OrganizationId, p.Name }).IsUnique();
        builder.HasIndex(p => new { p.OrganizationId, p.ParentId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);

        // The parent lives in the same table; deleting a parent with children is refused by the use case and by the database.
        builder.HasOne<Policy>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
