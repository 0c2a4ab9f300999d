using Coop.Domain.Organizations;
using Coop.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.Rules;

internal sealed class RuleConfiguration : IEntityTypeConfiguration<Rule>
{
    public void Configure(EntityTypeBuilder<Rule> builder)
    {
        builder.ToTable("Rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(Rule.NameMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(Rule.DescriptionMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ItemTypeIds).IsRequired();
        builder.Property(r => r.ConditionJson).IsRequired();
        builder.Property(r => r.ActionIds).IsRequired();
        builder.Property(r => r.ActionParameters).IsRequired();
        builder.Property(r => r.PolicyIds).IsRequired();
        builder.Property(r => r.EnqueueQueueId).HasMaxLength(64);
        builder.Property(r => r.Tags).IsRequired();
        builder.Property(r => r.CreatedByUserId).HasMaxLength(450);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.Status });
        builder.Ignore(r => r.ItemTypeIdList);
        builder.Ignore(r => r.ActionIdList);
        builder.Ignore(r => r.PolicyIdList);
        builder.Ignore(r => r.TagList);
        builder.Ignore(r => r.Definition);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleVersionConfiguration : IEntityTypeConfiguration<RuleVersion>
{
    public void Configure(EntityTypeBuilder<RuleVersion> builder)
    {
        builder.ToTable("RuleVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(v => v.RuleId).HasMaxLength(64).IsRequired();
        builder.Property(v => v.DefinitionJson).IsRequired();
        builder.Property(v => v.ChangedByUserId).HasMaxLength(450);
        builder.HasIndex(v => new { v.RuleId, v.Version }).IsUnique();
        builder.HasOne<Rule>().WithMany().HasForeignKey(v => v.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleEvaluationConfiguration : IEntityTypeConfiguration<RuleEvaluation>
{
    public void Configure(EntityTypeBuilder<RuleEvaluation> builder)
    {
        builder.ToTable("RuleEvaluations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ItemId).HasMaxLength(Coop.Domain.Items.ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(e => e.Environment).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ResultsJson).IsRequired();
        builder.HasIndex(e => new { e.OrganizationId, e.ItemTypeId, e.ItemId, e.EvaluatedAt });
        builder.HasIndex(e => e.SubmissionId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleMatchConfiguration : IEntityTypeConfiguration<RuleMatch>
{
    public void Configure(EntityTypeBuilder<RuleMatch> builder)
    {
        builder.ToTable("RuleMatches");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.RuleId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ItemId).HasMaxLength(Coop.Domain.Items.ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(m => m.Environment).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.RuleId, m.MatchedAt });
        builder.HasIndex(m => new { m.OrganizationId, m.ItemTypeId, m.ItemId });
        builder.HasOne<Rule>().WithMany().HasForeignKey(m => m.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleDailyStatConfiguration : IEntityTypeConfiguration<RuleDailyStat>
{
    public void Configure(EntityTypeBuilder<RuleDailyStat> builder)
    {
        builder.ToTable("RuleDailyStats");
        builder.HasKey(s => new { s.RuleId, s.Day });
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.RuleId).HasMaxLength(64);
        builder.HasIndex(s => new { s.OrganizationId, s.Day });
        builder.HasOne<Rule>().WithMany().HasForeignKey(s => s.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleRunConfiguration : IEntityTypeConfiguration<RuleRun>
{
    public void Configure(EntityTypeBuilder<RuleRun> builder)
    {
        builder.ToTable("RuleRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.RuleId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.SamplesJson).IsRequired();
        builder.Property(r => r.CreatedByUserId).HasMaxLength(450);
        builder.Property(r => r.CreatedByName).HasMaxLength(256);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Ignore(r => r.Samples);
        builder.Ignore(r => r.IsFinished);
        builder.HasIndex(r => new { r.RuleId, r.CreatedAt });
        builder.HasIndex(r => r.Status);
        builder.HasOne<Rule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
