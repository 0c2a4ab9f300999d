using Coop.Domain.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class JobEventConfiguration : IEntityTypeConfiguration<JobEvent>
{
    public void Configure(EntityTypeBuilder<JobEvent> builder)
    {
        builder.ToTable("JobEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.JobId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.OtherUserId).HasMaxLength(450);
        builder.Property(e => e.Detail).HasMaxLength(JobEvent.DetailMaxLength);
        builder.HasIndex(e => new { e.JobId, e.At });

        // "Did this reviewer skip this job lately?" during the claim.
        builder.HasIndex(e => new { e.UserId, e.Kind, e.At });
        builder.HasOne<ReviewJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
