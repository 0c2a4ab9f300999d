using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class ReviewQueueConfiguration : IEntityTypeConfiguration<ReviewQueue>
{
    public void Configure(EntityTypeBuilder<ReviewQueue> builder)
    {
        builder.ToTable("ReviewQueues");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasMaxLength(64);
        builder.Property(q => q.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(q => q.Name).HasMaxLength(ReviewQueue.NameMaxLength).IsRequired();
        builder.Property(q => q.Description).HasMaxLength(ReviewQueue.DescriptionMaxLength);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Ordering).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.ReviewerUserIds).IsRequired();
        builder.Property(q => q.ReviewerRoleIds).IsRequired();
        builder.Property(q => q.HiddenActionIds).IsRequired();
        builder.Ignore(q => q.ReviewerUsers);
        builder.Ignore(q => q.ReviewerRoles);
        builder.Ignore(q => q.HiddenActions);
        builder.HasIndex(q => new { q.OrganizationId, q.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(q => q.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
