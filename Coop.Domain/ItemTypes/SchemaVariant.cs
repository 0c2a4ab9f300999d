namespace Coop.Domain.ItemTypes;

/// <summary>How strictly a schema applies: as defined, or with every field optional (partial items, spot tests).</summary>
public enum SchemaVariant
{
    Original,
    Partial,
}
