using Coop.Domain.Actions;
using Coop.Domain.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Actions;

internal sealed class ActionExecutionPolicyConfiguration : IEntityTypeConfiguration<ActionExecutionPolicy>
{
    public void Configure(EntityTypeBuilder<ActionExecutionPolicy> builder)
    {
        builder.ToTable("ActionExecutionPolicies");
        builder.HasKey(p => new { p.ExecutionId, p.PolicyId });
        builder.Property(p => p.ExecutionId).HasMaxLength(64);
        builder.Property(p => p.PolicyId).HasMaxLength(64);
        builder.Property(p => p.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ItemId).HasMaxLength(ItemSubmission.MaxIdLength).IsRequired();

        // Investigation's policy filter: the items actioned under a policy.
        builder.HasIndex(p => new { p.OrganizationId, p.PolicyId, p.ItemTypeId, p.ItemId });
    }
}
