using Coop.Domain.Actions;
using Coop.Domain.ApiKeys;
using Coop.Domain.Audit;
using Coop.Domain.ChildSafety;
using Coop.Domain.Dashboards;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Coop.Domain.Policies;
using Coop.Domain.Rules;
using Coop.Domain.Signals;
using Coop.Domain.Rules.LocationBanks;
using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Strikes;
using Coop.Domain.Webhooks;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// The one provider-neutral model. Each database provider derives its own context so that each has
/// its own migration set (<c>Persistence/Migrations/{Sqlite,SqlServer,Postgres}</c>).
/// </summary>
public abstract partial class CoopDbContext(DbContextOptions options)
    : IdentityDbContext<CoopUser, CoopRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys (cookies, antiforgery): shared by every node, kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WebhookSigningKey> WebhookSigningKeys => Set<WebhookSigningKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<ItemType> ItemTypes => Set<ItemType>();

    public DbSet<ItemTypeRevision> ItemTypeRevisions => Set<ItemTypeRevision>();

    public DbSet<Policy> Policies => Set<Policy>();

    public DbSet<PolicyRevision> PolicyRevisions => Set<PolicyRevision>();

    public DbSet<ActionDefinition> Actions => Set<ActionDefinition>();

    public DbSet<ActionDefinitionRevision> ActionRevisions => Set<ActionDefinitionRevision>();

    public DbSet<ActionExecution> ActionExecutions => Set<ActionExecution>();

    public DbSet<BulkActionRun> BulkActionRuns => Set<BulkActionRun>();

    public DbSet<BulkActionRunItem> BulkActionRunItems => Set<BulkActionRunItem>();

    public DbSet<ActionExecutionPolicy> ActionExecutionPolicies => Set<ActionExecutionPolicy>();

    public DbSet<UserStrike> UserStrikes => Set<UserStrike>();

    public DbSet<StrikeThreshold> StrikeThresholds => Set<StrikeThreshold>();

    public DbSet<ReviewQueue> ReviewQueues => Set<ReviewQueue>();

    public DbSet<ReviewJob> ReviewJobs => Set<ReviewJob>();

    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();

    public DbSet<JobComment> JobComments => Set<JobComment>();

    public DbSet<UserNote> UserNotes => Set<UserNote>();

    public DbSet<JobEvent> JobEvents => Set<JobEvent>();

    public DbSet<QueueStar> QueueStars => Set<QueueStar>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<ReviewSettings> ReviewSettings => Set<ReviewSettings>();

    public DbSet<WellnessSettings> WellnessSettings => Set<WellnessSettings>();

    public DbSet<Rule> Rules => Set<Rule>();

    public DbSet<RuleVersion> RuleVersions => Set<RuleVersion>();

    public DbSet<RuleEvaluation> RuleEvaluations => Set<RuleEvaluation>();

    public DbSet<RuleMatch> RuleMatches => Set<RuleMatch>();

    public DbSet<RuleDailyStat> RuleDailyStats => Set<RuleDailyStat>();

    public DbSet<RuleRun> RuleRuns => Set<RuleRun>();

    public DbSet<SignalSettings> SignalSettings => Set<SignalSettings>();

    public DbSet<HashBank> HashBanks => Set<HashBank>();

    public DbSet<HashBankEntry> HashBankEntries => Set<HashBankEntry>();

    public DbSet<TextBank> TextBanks => Set<TextBank>();

    public DbSet<TextBankEntry> TextBankEntries => Set<TextBankEntry>();

    public DbSet<LocationBank> LocationBanks => Set<LocationBank>();

    public DbSet<LocationBankEntry> LocationBankEntries => Set<LocationBankEntry>();

    public DbSet<NcmecSettings> NcmecSettings => Set<NcmecSettings>();

    public DbSet<NcmecSubmission> NcmecSubmissions => Set<NcmecSubmission>();

    public DbSet<NcmecJobContent> NcmecJobContents => Set<NcmecJobContent>();

    public DbSet<NcmecJobItem> NcmecJobItems => Set<NcmecJobItem>();

    public DbSet<SingleSignOnSettings> SingleSignOnSettings => Set<SingleSignOnSettings>();

    public DbSet<DashboardCounter> DashboardCounters => Set<DashboardCounter>();

    public DbSet<QueueDashboardSetting> QueueDashboardSettings => Set<QueueDashboardSetting>();

    public DbSet<DashboardDailyCounter> DashboardDailyCounters => Set<DashboardDailyCounter>();

    public DbSet<DashboardDailyState> DashboardDailyStates => Set<DashboardDailyState>();

    /// <summary>Saves, linking any new audit entries into the hash chain in the same transaction (<see cref="AuditChainWriter"/>).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditChainWriter.RefuseChanges(ChangeTracker);
        var pending = AuditChainWriter.Pending(ChangeTracker);
        if (pending.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is not null)
        {
            AuditChainWriter.Link(this, pending);
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.BeginTransaction();
        AuditChainWriter.Link(this, pending);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction.Commit();
        return saved;
    }

    /// <summary>
    /// Saves; new audit entries are linked into the hash chain and inserted in the same transaction just before it commits
    /// (<see cref="TransactionWorkInterceptor"/>), so the chain head — the one row every audited transaction locks — is held
    /// only for the linking statements and the commit, not for the rest of the use case's transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditChainWriter.RefuseChanges(ChangeTracker);
        var pending = AuditChainWriter.Pending(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            if (!DeferAudit(pending))
            {
                await AuditChainWriter.LinkAsync(this, pending, cancellationToken);
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) + pending.Count;
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var deferred = DeferAudit(pending);
        if (!deferred)
        {
            await AuditChainWriter.LinkAsync(this, pending, cancellationToken);
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deferred ? saved + pending.Count : saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CoopDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
