using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class QueueStarConfiguration : IEntityTypeConfiguration<QueueStar>
{
    public void Configure(EntityTypeBuilder<QueueStar> builder)
    {
        builder.ToTable("QueueStars");
        builder.HasKey(s => new { s.UserId, s.QueueId });
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.QueueId).HasMaxLength(64);
        builder.HasOne<ReviewQueue>().WithMany().HasForeignKey(s => s.QueueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CoopUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
