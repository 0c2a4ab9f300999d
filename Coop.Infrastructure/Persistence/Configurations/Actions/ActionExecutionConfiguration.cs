using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class ActionExecutionConfiguration : IEntityTypeConfiguration<ActionExecution>
{
    public void Configure(EntityTypeBuilder<ActionExecution> builder)
    {
        builder.ToTable("ActionExecutions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActionId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActionName).HasMaxLength(ActionDefinition.NameMaxLength).IsRequired();
        builder.Property(e => e.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(e => e.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.UserItemId).HasMaxLength(ItemSubmission.MaxIdLength);
        builder.Property(e => e.UserItemTypeId).HasMaxLength(64);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.CorrelationId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorEmail).HasMaxLength(256);
        builder.Property(e => e.ActorNote).HasMaxLength(ActionExecution.NoteMaxLength);
        builder.Property(e => e.DecisionReason).HasMaxLength(ActionExecution.NoteMaxLength);
        builder.Property(e => e.Policies).IsRequired();
        builder.Property(e => e.Rules).IsRequired();
        builder.Property(e => e.RelatedItems).IsRequired();
        builder.Property(e => e.JobId).HasMaxLength(64);
        builder.Property(e => e.OutboxMessageId).HasMaxLength(64);
        builder.HasIndex(e => new { e.OrganizationId, e.ExecutedAt });
        builder.HasIndex(e => new { e.OrganizationId, e.ItemTypeId, e.ItemId, e.ExecutedAt });
        builder.HasIndex(e => new { e.OrganizationId, e.UserItemTypeId, e.UserItemId, e.ExecutedAt });
        builder.HasIndex(e => e.CorrelationId);

        // Investigation's action filter: the items an action ran on.
        builder.HasIndex(e => new { e.OrganizationId, e.ActionId, e.ItemTypeId, e.ItemId });
        builder.HasMany(e => e.PolicyLinks).WithOne().HasForeignKey(p => p.ExecutionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.PolicyLinks).HasField("policyLinks").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
