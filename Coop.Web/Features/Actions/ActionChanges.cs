using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;

namespace Coop.Web.Features.Actions;

/// <summary>
/// Writes action changes with their revision rows and an audit entry on a caller's context (saved by
/// the caller). Audit details name headers, never their values.
/// </summary>
internal static class ActionChanges
{
    public static Dictionary<string, string[]> Validate(IReadOnlyCollection<ActionDefinition> existing, ActionDefinition? action, ActionType type, ActionDefinitionDetails details)
    {
        var errors = ActionDefinition.Validate(type, details, action);
        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length > 0 && existing.Any(a => a.Id != action?.Id && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors[nameof(details.Name)] = [$"An action named '{name}' already exists."];
        }

        return errors;
    }

    public static ActionDefinition Create(CoopDbContext db, IReadOnlyCollection<ActionDefinition> existing, string? id, ActionDefinitionDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(existing, null, ActionType.CustomAction, details));
        var action = ActionDefinition.CreateCustom(actor.OrganizationId, id, details, now);
        db.Actions.Add(action);
        db.ActionRevisions.Add(ActionDefinitionRevision.Capture(action, "created", actor.Name));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "action.created", "action", action.Id,
            $"Created action '{action.Name}' calling {Host(action)}{HeaderSummary(action)}.", now));
        return action;
    }

    public static bool Update(CoopDbContext db, IReadOnlyCollection<ActionDefinition> existing, ActionDefinition action, ActionDefinitionDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(existing, action, action.ActionType, details));
        var replaced = details.Headers.Where(h => h.Value is not null).Select(h => h.Name).ToList();
        if (!action.Update(details, now))
        {
            return false;
        }

        db.ActionRevisions.Add(ActionDefinitionRevision.Capture(action, "updated", actor.Name));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "action.updated", "action", action.Id,
            $"Updated action '{action.Name}'" + (action.IsBuiltIn ? "." : $" calling {Host(action)}{HeaderSummary(action)}")
            + (replaced.Count > 0 ? $"; set the value of {replaced.Count} header(s)." : "."), now));
        return true;
    }

    public static void Delete(CoopDbContext db, ActionDefinition action, ConfigActor actor, DateTime now)
    {
        if (action.IsBuiltIn)
        {
            throw new ValidationFailedException(string.Empty, $"'{action.Name}' is built in and cannot be deleted.");
        }

        db.Actions.Remove(action);
        db.ActionRevisions.Add(ActionDefinitionRevision.Capture(action, "deleted", actor.Name, Domain.Common.Versions.Next(action.Version, now)));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "action.deleted", "action", action.Id,
            $"Deleted action '{action.Name}'.", now));
    }

    private static string Host(ActionDefinition action) =>
        Uri.TryCreate(action.CallbackUrl, UriKind.Absolute, out var uri) ? uri.Authority : "nothing";

    private static string HeaderSummary(ActionDefinition action)
    {
        var names = string.Join(", ", action.HeaderNames);
        return names.Length switch
        {
            0 => string.Empty,
            > 1000 => $" with {action.HeaderNames.Count} headers",
            _ => $" with headers {names}",
        };
    }

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
