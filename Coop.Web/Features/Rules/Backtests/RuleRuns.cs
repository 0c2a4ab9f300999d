using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Backtests;

/// <summary>Starts a backtest: the rule as it is now, over stored item versions received in the window (any status; nothing is acted on).</summary>
[RequiresPermission(Permissions.RunBacktest)]
public sealed record StartBacktestCommand(string RuleId, DateTime FromUtc, DateTime ToUtc, int Limit = 10_000);

/// <summary>Starts a retroaction: a Live rule's actions on every stored item in the window that matches it now (once per item).</summary>
[RequiresPermission(Permissions.RunRetroaction)]
public sealed record StartRetroactionCommand(string RuleId, DateTime FromUtc, DateTime ToUtc, int Limit = 10_000);

/// <summary>Stops a run before its next chunk (what it already did stays done).</summary>
[RequiresPermission(Permissions.RunBacktest)]
public sealed record CancelRuleRunCommand(string RunId);

/// <summary>A rule's runs, newest first.</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListRuleRunsQuery(string RuleId, int Take = 20);

public sealed record RuleRunView(
    string Id, string RuleId, int RuleVersion, RuleRunKind Kind, RuleRunStatus Status, DateTime From, DateTime To, int Limit, int Evaluated,
    int Matched, int Acted, int Errored, IReadOnlyList<RuleRunSample> Samples, string? CreatedBy, DateTime CreatedAt, DateTime? FinishedAt, string? Error);

internal static class RuleRunStarter
{
    public static async Task<RuleRunView> StartAsync(
        IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, RuleRunSignal signal, ILiveEvents live, TimeProvider time,
        RuleRunKind kind, string ruleId, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        var actor = await currentUser.RequireActorAsync();
        var errors = new Dictionary<string, string[]>();
        from = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        to = DateTime.SpecifyKind(to, DateTimeKind.Utc);
        if (to <= from)
        {
            errors["to"] = ["The window must end after it starts."];
        }

        if (limit is < 1 or > RuleRun.MaxLimit)
        {
            errors["limit"] = [$"Choose between 1 and {RuleRun.MaxLimit:N0} items."];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.Rules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (rule is null)
        {
            errors["ruleId"] = ["There is no such rule."];
        }
        else if (kind == RuleRunKind.Retroaction && rule.Status != RuleStatus.Live)
        {
            errors["ruleId"] = ["Only a Live rule can be run retroactively."];
        }
        else if (kind == RuleRunKind.Retroaction && rule.ActionIdList.Count == 0 && rule.EnqueueQueueId is null)
        {
            errors["ruleId"] = ["The rule has no actions or queue, so a retroaction would do nothing."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var run = RuleRun.Start(actor.OrganizationId, rule!.Id, rule.Version, kind, from, to, limit, actor.UserId, actor.Name, now);
        db.RuleRuns.Add(run);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name,
            kind == RuleRunKind.Backtest ? "rule.backtest-started" : "rule.retroaction-started", "rule", rule.Id,
            $"{rule.Name} v{rule.Version}: items received {from:u} to {to:u}, at most {limit}", now));
        await db.SaveChangesAsync(cancellationToken);
        signal.Ring();
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Rules(actor.OrganizationId), LiveEventKinds.RuleRunChanged, run.Id), cancellationToken);
        return RuleRunViews.From(run);
    }
}

internal static class RuleRunViews
{
    public static RuleRunView From(RuleRun r) => new(
        r.Id, r.RuleId, r.RuleVersion, r.Kind, r.Status, r.From, r.To, r.Limit, r.Evaluated, r.Matched, r.Acted, r.Errored, r.Samples, r.CreatedByName,
        r.CreatedAt, r.FinishedAt, r.Error);
}

internal sealed class StartBacktestHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, RuleRunSignal signal, ILiveEvents live, TimeProvider time)
    : ICommandHandler<StartBacktestCommand, RuleRunView>
{
    public Task<RuleRunView> HandleAsync(StartBacktestCommand command, CancellationToken cancellationToken = default) =>
        RuleRunStarter.StartAsync(factory, currentUser, signal, live, time, RuleRunKind.Backtest, command.RuleId, command.FromUtc, command.ToUtc, command.Limit,
            cancellationToken);
}

internal sealed class StartRetroactionHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, RuleRunSignal signal, ILiveEvents live, TimeProvider time)
    : ICommandHandler<StartRetroactionCommand, RuleRunView>
{
    public Task<RuleRunView> HandleAsync(StartRetroactionCommand command, CancellationToken cancellationToken = default) =>
        RuleRunStarter.StartAsync(factory, currentUser, signal, live, time, RuleRunKind.Retroaction, command.RuleId, command.FromUtc, command.ToUtc,
            command.Limit, cancellationToken);
}

internal sealed class CancelRuleRunHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<CancelRuleRunCommand, bool>
{
    public async Task<bool> HandleAsync(CancelRuleRunCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var run = await db.RuleRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RunId && r.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such run.");
        if (run.Kind == RuleRunKind.Retroaction && !principal.HasClaim(Permissions.ClaimType, Permissions.RunRetroaction))
        {
            throw new ForbiddenAccessException();
        }

        var cancelled = await db.RuleRuns.Where(r => r.Id == run.Id && r.Status == RuleRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RuleRunStatus.Canceled).SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (cancelled == 0)
        {
            throw new ValidationFailedException(string.Empty, "The run has already finished.");
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "rule.run-cancelled", "rule", run.RuleId,
            $"{run.Kind} cancelled after {run.Evaluated} item(s)", now));
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Rules(actor.OrganizationId), LiveEventKinds.RuleRunChanged, run.Id), cancellationToken);
        return true;
    }
}

internal sealed class ListRuleRunsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser) : IQueryHandler<ListRuleRunsQuery, IReadOnlyList<RuleRunView>>
{
    public async Task<IReadOnlyList<RuleRunView>> HandleAsync(ListRuleRunsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var runs = await db.RuleRuns.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId && r.RuleId == query.RuleId)
            .OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(query.Take, 1, 100)).ToListAsync(cancellationToken);
        return [.. runs.Select(RuleRunViews.From)];
    }
}
