using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion.Components;

/// <summary>One editable row of the editor's field table.</summary>
public sealed class FieldRow
{
    /// <summary>Stable identity of the row, so roles follow a field through renames.</summary>
    public string Key { get; } = Guid.NewGuid().ToString("N");

    public string Name { get; set; } = string.Empty;

    public ScalarType Type { get; set; } = ScalarType.String;

    /// <summary>Null for one value, or the container.</summary>
    public ContainerType? Container { get; set; }

    public ScalarType MapKeyType { get; set; } = ScalarType.String;

    public bool Required { get; set; }

    public bool Hidden { get; set; }

    public ItemTypeField ToField() =>
        new(Name.Trim(), Type, Required, Container, Container == ContainerType.Map ? MapKeyType : null);

    public static FieldRow From(ItemTypeField field, bool hidden) => new()
    {
        Name = field.Name,
        Type = field.ScalarType,
        Container = field.Container,
        MapKeyType = field.KeyScalarType ?? ScalarType.String,
        Required = field.Required,
        Hidden = hidden,
    };
}
