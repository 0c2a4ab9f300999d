namespace Coop.Domain.ItemTypes;

/// <summary>Coop 1.0's error <c>type</c> URIs for item data (the API appends <c>/errors/invalid-user-input</c>).</summary>
public static class ItemErrorTypes
{
    public const string DataInvalidForItemType = "/errors/data-invalid-for-item-type";
    public const string FieldRolesInvalidForItemType = "/errors/field-roles-invalid-for-item-type";
    public const string AttemptingToDeleteDefaultUserType = "/errors/attempting-to-delete-default-user-type";
    public const string InvalidUserInput = "/errors/invalid-user-input";
}
