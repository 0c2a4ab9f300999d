using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;

namespace Coop.Tests.Integration.Users;

/// <summary>Writes history rows straight into the database at chosen times, as ingestion, routing and decisions would have.</summary>
internal sealed class UserHistorySeed(CoopDbContext db, string organizationId)
{
    public static readonly ItemIdentifier U1 = new("u1", "user");

    private readonly List<ItemSubmission> pending = [];
    private readonly Dictionary<(string, string), ItemIdentifier?> creators = [];

    /// <summary>Whom a row about the item concerns, as the app records it: the user item itself, else the item's author.</summary>
    public ItemIdentifier? UserOf(string typeId, string id) => typeId == "user" ? new ItemIdentifier(id, typeId) : creators.GetValueOrDefault((typeId, id));

    /// <summary>An item received at <paramref name="at"/>; it exists once <see cref="SaveAsync"/> ran.</summary>
    public void Item(string typeId, string id, DateTime at, ItemIdentifier? creator = null, string? displayName = null)
    {
        var submission = ItemSubmission.Accept(organizationId, id, typeId, "v1", "full", "{}",
            ItemRoleValues.None with { Creator = creator, DisplayName = displayName }, "test", null, at);
        submission.MarkProcessed(at);
        db.Add(submission);
        pending.Add(submission);
        creators[(typeId, id)] = creator;
    }

    public async Task SaveAsync()
    {
        await db.SaveChangesAsync();
        db.AddRange(pending.Select(Domain.Items.Item.FirstSeen));
        pending.Clear();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    public Report Report(string itemTypeId, string itemId, ItemIdentifier reporter, DateTime at, string? reason = null, bool csam = false, string? policyId = null)
    {
        var report = Domain.Reports.Report.Receive(Guid.NewGuid().ToString(), organizationId, reporter, at, new ItemIdentifier(itemId, itemTypeId),
            policyId, reason, csam, "[]", null, at, [], UserOf(itemTypeId, itemId));
        report.MarkRouted(at);
        db.Add(report);
        return report;
    }

    public ReviewDecision Decision(ReviewQueue queue, string itemTypeId, string itemId, DecisionKind kind, DateTime at, string? reason = null)
    {
        var job = ReviewJob.Open(organizationId, queue.Id, itemTypeId, itemId, JobSource.Report, at.AddMinutes(-1));
        job.Close(null, at);
        db.Add(job);
        var user = UserOf(itemTypeId, itemId);
        var decision = ReviewDecision.Record(job, kind, null, "mod@acme.test", "[]", "[]", reason, at, userItemTypeId: user?.TypeId, userItemId: user?.Id);
        db.Add(decision);
        return decision;
    }

    public ActionExecution Action(string itemTypeId, string itemId, DateTime at, ItemIdentifier user, string? jobId = null)
    {
        var execution = ActionExecution.Record(organizationId, "remove", "Remove", itemTypeId, itemId, ActionExecutionSource.PostActions,
            $"test:{Guid.NewGuid()}", at, user.TypeId, user.Id, jobId: jobId);
        db.Add(execution);
        return execution;
    }

    public UserStrike Strike(ItemIdentifier user, DateTime at, TimeSpan ttl, int weight = 1)
    {
        var strike = UserStrike.Add(organizationId, user.TypeId, user.Id, "scam", weight, $"test:{Guid.NewGuid()}", at, ttl);
        db.Add(strike);
        return strike;
    }

    public Appeal Appeal(string appealId, ItemIdentifier by, string itemTypeId, string itemId, DateTime at)
    {
        var appeal = Domain.Reports.Appeal.Receive(organizationId, appealId, by, at, new ItemIdentifier(itemId, itemTypeId), "[\"remove\"]", "it was a joke", "[]", null, at, [],
            UserOf(itemTypeId, itemId));
        appeal.MarkRouted(at);
        db.Add(appeal);
        return appeal;
    }
}
