namespace Coop.Domain.ItemTypes;

/// <summary>A field holding several values: a list of one scalar type, or a map from key scalars to value scalars.</summary>
public enum ContainerType
{
    Array,
    Map,
}
