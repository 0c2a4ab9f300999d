using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Coop.Domain.Strikes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Strikes;

internal sealed class UserStrikeConfiguration : IEntityTypeConfiguration<UserStrike>
{
    public void Configure(EntityTypeBuilder<UserStrike> builder)
    {
        builder.ToTable("UserStrikes");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.UserItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(s => s.PolicyId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.CorrelationId).HasMaxLength(128).IsRequired();

        // The live score: a user's strikes that have not expired.
        builder.HasIndex(s => new { s.OrganizationId, s.UserItemTypeId, s.UserItemId, s.ExpiresAt });
        // A user's strike history, newest first (the user history page).
        builder.HasIndex(s => new { s.OrganizationId, s.UserItemTypeId, s.UserItemId, s.CreatedAt });
        builder.HasIndex(s => s.CorrelationId);

        // The expiry job: strikes not yet recorded as lapsed, by expiry.
        builder.HasIndex(s => new { s.ExpiredAt, s.ExpiresAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
