using System.Text.Json.Nodes;

namespace Coop.Domain.ItemTypes;

/// <summary>Either the normalized data (<see cref="IsValid"/>) or the errors; never both.</summary>
public sealed record ItemDataValidationResult(JsonObject? Data, IReadOnlyList<ItemDataError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Data is not null;

    public static ItemDataValidationResult Valid(JsonObject data) => new(data, []);

    public static ItemDataValidationResult Invalid(IReadOnlyList<ItemDataError> errors) => new(null, errors);
}
