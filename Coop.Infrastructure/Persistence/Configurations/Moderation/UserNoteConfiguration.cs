using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Moderation;

internal sealed class UserNoteConfiguration : IEntityTypeConfiguration<UserNote>
{
    public void Configure(EntityTypeBuilder<UserNote> builder)
    {
        builder.ToTable("UserNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(n => n.UserItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(n => n.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(n => n.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.AuthorName).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(UserNote.TextMaxLength).IsRequired();
        builder.HasIndex(n => new { n.OrganizationId, n.UserItemTypeId, n.UserItemId, n.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
