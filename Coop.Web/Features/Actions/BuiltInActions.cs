using Coop.Domain.Actions;
using Coop.Infrastructure.Persistence;

namespace Coop.Web.Features.Actions;

/// <summary>Adds the built-in actions (enqueue to review, enqueue author, enqueue to NCMEC) of a new organization.</summary>
public static class BuiltInActions
{
    public static void AddTo(CoopDbContext db, string organizationId, DateTime nowUtc)
    {
        foreach (var action in ActionDefinition.CreateBuiltIns(organizationId, nowUtc))
        {
            db.Actions.Add(action);
            db.ActionRevisions.Add(ActionDefinitionRevision.Capture(action, "created", "system"));
        }
    }
}
