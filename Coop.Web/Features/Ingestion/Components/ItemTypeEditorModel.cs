using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion.Components;

/// <summary>The editor's state: the item type being written, with roles pointing at rows (not names) until saved.</summary>
public sealed class ItemTypeEditorModel
{
    private readonly Dictionary<ItemTypeRole, string> roleRows = [];

    public string? Id { get; private init; }

    public string? Version { get; private init; }

    public bool IsDefaultUserType { get; private init; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public ItemTypeKind Kind { get; set; } = ItemTypeKind.Content;

    public List<FieldRow> Fields { get; } = [];

    public bool IsNew => Id is null;

    /// <summary>A new CONTENT type with one required <c>text</c> field: the common case.</summary>
    public static ItemTypeEditorModel New()
    {
        var model = new ItemTypeEditorModel();
        model.Fields.Add(new FieldRow { Name = "text", Type = ScalarType.String, Required = true });
        return model;
    }

    public static ItemTypeEditorModel From(ItemTypeDetails details)
    {
        var model = new ItemTypeEditorModel
        {
            Id = details.Id,
            Version = details.Version,
            IsDefaultUserType = details.IsDefaultUserType,
            Name = details.Name,
            Description = details.Description,
            Kind = details.Kind,
        };
        model.Fields.AddRange(details.Schema.Fields.Select(f => FieldRow.From(f, details.Schema.HiddenFields.Contains(f.Name))));
        foreach (var (role, fieldName) in details.Schema.Roles.Assigned)
        {
            if (model.Fields.FirstOrDefault(r => r.Name == fieldName) is { } row)
            {
                model.roleRows[role] = row.Key;
            }
        }

        return model;
    }

    /// <summary>The roles an item type of the current kind may assign.</summary>
    public IEnumerable<ItemTypeRoleInfo> AvailableRoles => ItemTypeRoleInfo.For(Kind);

    /// <summary>The rows that may fill <paramref name="role"/>: named, single values of the role's type.</summary>
    public IEnumerable<FieldRow> CandidatesFor(ItemTypeRole role)
    {
        var info = ItemTypeRoleInfo.Get(role);
        return Fields.Where(r => !string.IsNullOrWhiteSpace(r.Name) && info.Accepts(r.ToField()));
    }

    /// <summary>The row key assigned to <paramref name="role"/>, or "" for none.</summary>
    public string RoleRow(ItemTypeRole role) => roleRows.GetValueOrDefault(role) ?? string.Empty;

    public void AssignRole(ItemTypeRole role, string? rowKey)
    {
        if (string.IsNullOrEmpty(rowKey))
        {
            roleRows.Remove(role);
        }
        else
        {
            roleRows[role] = rowKey;
        }
    }

    public FieldRow AddField()
    {
        var row = new FieldRow();
        Fields.Add(row);
        return row;
    }

    public void RemoveField(FieldRow row)
    {
        Fields.Remove(row);
        Prune();
    }

    /// <summary>Drops role assignments that no longer fit (after a kind, type or container change, or a removal).</summary>
    public void Prune()
    {
        foreach (var (role, key) in roleRows.ToList())
        {
            if (!AvailableRoles.Any(r => r.Role == role) || !CandidatesFor(role).Any(r => r.Key == key))
            {
                roleRows.Remove(role);
            }
        }
    }

    public ItemTypeFieldRoles Roles() =>
        new(roleRows.Select(p => new KeyValuePair<ItemTypeRole, string?>(p.Key, Fields.FirstOrDefault(r => r.Key == p.Value)?.Name.Trim())));

    public IReadOnlyList<ItemTypeField> ToFields() => [.. Fields.Select(r => r.ToField())];

    public IReadOnlyList<string> HiddenFields() => [.. Fields.Where(r => r.Hidden && !string.IsNullOrWhiteSpace(r.Name)).Select(r => r.Name.Trim())];

    public CreateItemTypeCommand ToCreateCommand() => new(Name, Description, Kind, ToFields(), Roles(), HiddenFields());

    public UpdateItemTypeCommand ToUpdateCommand() => new(Id!, Version, Name, Description, ToFields(), Roles(), HiddenFields());
}
