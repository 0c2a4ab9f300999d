using Coop.Domain.Actions;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>
/// What a built-in action (enqueue for review, enqueue for NCMEC…) does, inside the publisher's transaction.
/// Each feature that owns a built-in action registers one; an action type with no effect registered cannot run.
/// </summary>
public interface IBuiltInActionEffect
{
    ActionType ActionType { get; }

    /// <summary>
    /// Adds what the action causes to <paramref name="db"/>; the caller commits it with the execution record. Returns
    /// the live events to publish once it is committed.
    /// </summary>
    Task<IReadOnlyList<LiveEvent>> ApplyAsync(
        CoopDbContext db, ActionPublication publication, ActionInvocation invocation, DateTime nowUtc, CancellationToken cancellationToken);
}
