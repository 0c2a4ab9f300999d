using Coop.Domain.Actions;
using Coop.Infrastructure.Persistence;

namespace Coop.Web.Features.Actions;

/// <summary>Adds the built-in actions (enqueue to review, enqueue author, enqueue to NCMEC) of a new organization.</summary>
public static class BuiltInActions
{
    public static void AddTo(CoopDbContext db, string organizationId, DateTime nowUtc) =>
        AddMissing(db, organizationId, [], nowUtc);

    /// <summary>Adds the built-in actions an organization lacks (one made before they existed) and returns them.</summary>
    public static IReadOnlyList<ActionDefinition> AddMissing(CoopDbContext db, string organizationId, IReadOnlyCollection<ActionDefinition> existing, DateTime nowUtc)
    {
        var missing = ActionDefinition.CreateBuiltIns(organizationId, nowUtc)
            .Where(b => existing.All(e => e.ActionType != b.ActionType))
            .ToList();
        foreach (var action in missing)
        {
            db.Actions.Add(action);
            db.ActionRevisions.Add(ActionDefinitionRevision.Capture(action, "created", "system"));
        }

        return missing;
    }
}
