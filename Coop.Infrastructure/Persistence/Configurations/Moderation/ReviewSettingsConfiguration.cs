using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class ReviewSettingsConfiguration : IEntityTypeConfiguration<ReviewSettings>
{
    public void Configure(EntityTypeBuilder<ReviewSettings> builder)
    {
        builder.ToTable("ReviewSettings");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.OrganizationId).HasMaxLength(64);
        builder.Property(s => s.IgnoreCallbackUrl).HasMaxLength(ReviewSettings.UrlMaxLength);
        builder.Property(s => s.AppealCallbackUrl).HasMaxLength(ReviewSettings.UrlMaxLength);
        builder.Property(s => s.AppealCallbackHeadersJson).IsRequired();
        builder.Ignore(s => s.AppealHeaders);
        builder.Property(s => s.AppealsEnabled).HasDefaultValue(true).HasSentinel(true);
        builder.Property(s => s.AppealUndoActionsJson).IsRequired().HasDefaultValue("{}");
        builder.Ignore(s => s.AppealUndoActions);
        builder.Property(s => s.PartialItemsEndpoint).HasMaxLength(ReviewSettings.UrlMaxLength);
        builder.Property(s => s.PartialItemsHeadersJson).IsRequired().HasDefaultValue("{}");
        builder.Ignore(s => s.PartialItemsHeaders);
        builder.HasOne<Organization>().WithOne().HasForeignKey<ReviewSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
