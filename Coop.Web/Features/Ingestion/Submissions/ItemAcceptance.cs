using Coop.Domain.Items;
using Coop.Web.Api;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Turns parsed items into submissions for one organization: resolves each item type (once per request),
/// validates and normalizes the data. Either every item is accepted or the errors say why not.
/// </summary>
public sealed class ItemAcceptance(IItemTypeResolver types, TimeProvider time)
{
    public async Task<(List<ItemSubmission> Accepted, List<ApiError> Errors)> AcceptAsync(
        string organizationId, IEnumerable<ItemInput> inputs, string source, string requestId, CancellationToken cancellationToken,
        string? forceVariant = null)
    {
        var resolved = new Dictionary<(string, string?), ResolvedItemType?>();
        var accepted = new List<ItemSubmission>();
        var errors = new List<ApiError>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var input in inputs)
        {
            var key = (input.TypeId, input.TypeVersion);
            if (!resolved.TryGetValue(key, out var type))
            {
                resolved[key] = type = await types.FindAsync(organizationId, input.TypeId, input.TypeVersion, cancellationToken);
            }

            if (type is null)
            {
                errors.Add(ApiError.BadRequest(ApiErrorTypes.DataInvalidForItemType, "Unknown item type.",
                    input.TypeVersion is null
                        ? $"No item type has the id '{input.TypeId}'."
                        : $"No item type has the id '{input.TypeId}' and version '{input.TypeVersion}'.",
                    input.TypePointer));
                continue;
            }

            var variant = forceVariant ?? input.SchemaVariant;
            var outcome = type.Validate(input.Data, variant, input.Pointer + "/data");
            if (!outcome.IsValid)
            {
                errors.AddRange(outcome.Errors);
                continue;
            }

            accepted.Add(ItemSubmission.Accept(organizationId, input.Id, type.Id, type.Version, variant,
                outcome.Data!.ToJsonString(), outcome.Roles, source, requestId, now));
        }

        return (accepted, errors);
    }
}
