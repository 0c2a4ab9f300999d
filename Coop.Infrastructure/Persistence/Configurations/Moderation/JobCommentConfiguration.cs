using Coop.Domain.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class JobCommentConfiguration : IEntityTypeConfiguration<JobComment>
{
    public void Configure(EntityTypeBuilder<JobComment> builder)
    {
        builder.ToTable("JobComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.JobId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.AuthorName).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(JobComment.TextMaxLength).IsRequired();
        builder.HasIndex(c => new { c.JobId, c.CreatedAt });
        builder.HasOne<ReviewJob>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
