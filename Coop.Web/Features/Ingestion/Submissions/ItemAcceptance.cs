using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Web.Api;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Turns parsed items into submissions for one organization: resolves each item type (at the requested
/// version and schema variant), validates and normalizes the data and extracts its roles. Either every item
/// is accepted or the errors say, with JSON pointers, why not.
/// </summary>
public sealed class ItemAcceptance(ItemTypeCatalog catalog, TimeProvider time)
{
    public async Task<(List<ItemSubmission> Accepted, List<ApiError> Errors)> AcceptAsync(
        string organizationId, IEnumerable<ItemInput> inputs, string source, string requestId, CancellationToken cancellationToken,
        SchemaVariant? forceVariant = null)
    {
        var known = await catalog.GetLatestAsync(organizationId, cancellationToken);
        var accepted = new List<ItemSubmission>();
        var errors = new List<ApiError>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var input in inputs)
        {
            var variant = forceVariant ?? (ItemTypeWireNames.TryParseVariant(input.SchemaVariant, out var parsed) ? parsed : SchemaVariant.Original);
            var type = await catalog.GetAsync(organizationId, input.TypeId, input.TypeVersion, variant, cancellationToken);
            if (type is null)
            {
                errors.Add(ToApiError(input.TypeVersion is null
                    ? ItemDataError.UnknownItemType(input.TypePointer, input.TypeId)
                    : ItemDataError.UnknownItemTypeVersion(input.TypePointer, input.TypeId, input.TypeVersion)));
                continue;
            }

            var result = type.Validate(input.Data, input.Pointer + "/data", known.Contains);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(ToApiError));
                continue;
            }

            accepted.Add(ItemSubmission.Accept(organizationId, input.Id, type.Id, type.Version, variant.ToWire(),
                result.Data!.ToJsonString(), type.ExtractRoles(result.Data!), source, requestId, now));
        }

        return (accepted, errors);
    }

    public static ApiError ToApiError(ItemDataError error) => ApiError.BadRequest(error.Type, error.Title, error.Detail, error.Pointer);
}
