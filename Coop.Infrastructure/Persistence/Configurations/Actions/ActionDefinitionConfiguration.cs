using Coop.Domain.Actions;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class ActionDefinitionConfiguration : IEntityTypeConfiguration<ActionDefinition>
{
    public void Configure(EntityTypeBuilder<ActionDefinition> builder)
    {
        builder.ToTable("Actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(ActionDefinition.NameMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(ActionDefinition.DescriptionMaxLength);
        builder.Property(a => a.ActionType).HasMaxLength(32)
            .HasConversion(t => t.ToWireName(), s => ActionTypeNames.Parse(s));
        builder.Property(a => a.CallbackUrl).HasMaxLength(ActionValidation.UrlMaxLength);
        builder.Property(a => a.CustomBody);
        builder.Property<string>("itemTypeIdsJson").HasColumnName("ItemTypeIds").IsRequired();
        builder.Property<string>("headersJson").HasColumnName("Headers").IsRequired();
        builder.Property<string>("parametersJson").HasColumnName("Parameters").IsRequired();
        builder.Property<string>("AppliesToKinds").HasMaxLength(64).IsRequired();
        builder.Ignore(a => a.IsBuiltIn);
        builder.Ignore(a => a.ItemTypeIds);
        builder.Ignore(a => a.Headers);
        builder.Ignore(a => a.HeaderNames);
        builder.Ignore(a => a.Parameters);
        builder.Ignore(a => a.AppliesToAllItemsOfKinds);
        builder.HasIndex(a => new { a.OrganizationId, a.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
