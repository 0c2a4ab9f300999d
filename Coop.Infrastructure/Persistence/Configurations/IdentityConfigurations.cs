using Coop.Domain.Organizations;
using Coop.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations;

internal sealed class CoopUserConfiguration : IEntityTypeConfiguration<CoopUser>
{
    public void Configure(EntityTypeBuilder<CoopUser> builder)
    {
        builder.Property(u => u.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(u => u.FirstName).HasMaxLength(100);
        builder.Property(u => u.LastName).HasMaxLength(100);
        builder.Property(u => u.ThemePreference).HasMaxLength(16);
        builder.HasIndex(u => u.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CoopRoleConfiguration : IEntityTypeConfiguration<CoopRole>
{
    public void Configure(EntityTypeBuilder<CoopRole> builder)
    {
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Key).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(1000);

        // Roles belong to an organization: the same name may appear once per organization.
        builder.Metadata.RemoveIndex(builder.Metadata.GetIndexes().Single(i => i.Properties.Single().Name == nameof(CoopRole.NormalizedName)));
        builder.HasIndex(r => new { r.OrganizationId, r.NormalizedName }).IsUnique().HasDatabaseName("RoleNameIndex");
        builder.HasIndex(r => new { r.OrganizationId, r.Key }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
