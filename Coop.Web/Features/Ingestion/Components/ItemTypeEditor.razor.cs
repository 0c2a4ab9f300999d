using Coop.Domain.ItemTypes;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Ingestion.Components;

/// <summary>Creates or edits an item type: name, kind, description, fields, roles and hidden fields.</summary>
public sealed partial class ItemTypeEditor
{
    private static readonly ItemTypeKind[] Kinds = [ItemTypeKind.Content, ItemTypeKind.User, ItemTypeKind.Thread];

    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private bool saving;

    [Parameter, EditorRequired]
    public ItemTypeEditorModel Model { get; set; } = default!;

    [Parameter]
    public EventCallback<ItemTypeDetails> OnSaved { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    [Inject]
    private ICommandHandler<CreateItemTypeCommand, ItemTypeDetails> Create { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateItemTypeCommand, ItemTypeDetails> Update { get; set; } = default!;

    /// <summary>Messages with no input of their own to sit beside.</summary>
    private IEnumerable<string> GeneralErrors => errors
        .Where(e => !(e.Key is "Name" or "Description"
            || (e.Key.StartsWith("Fields[", StringComparison.Ordinal) && e.Key.EndsWith(".Name", StringComparison.Ordinal))
            || e.Key.EndsWith(".KeyScalarType", StringComparison.Ordinal)
            || Model.AvailableRoles.Any(r => e.Key == $"Roles.{r.WireName}")))
        .SelectMany(e => e.Value);

    internal static string KindLabel(ItemTypeKind kind) => kind switch
    {
        ItemTypeKind.Content => "Content",
        ItemTypeKind.User => "User",
        _ => "Thread",
    };

    internal static string KindHint(ItemTypeKind kind) => kind switch
    {
        ItemTypeKind.Content => "Posts, comments, messages, listings: things users create.",
        ItemTypeKind.User => "Accounts or profiles; the author of content.",
        _ => "Containers of content in order: chats, comment threads.",
    };

    private bool Has(string key) => errors.ContainsKey(key);

    private string? ErrorFor(string key) => errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private string RowName(string? key) =>
        string.IsNullOrEmpty(key) ? "(none)" : Model.Fields.FirstOrDefault(r => r.Key == key)?.Name ?? string.Empty;

    private void KindChanged(ItemTypeKind kind)
    {
        Model.Kind = kind;
        Model.Prune();
    }

    private async Task SaveAsync()
    {
        saving = true;
        errors = new Dictionary<string, string[]>();
        try
        {
            var saved = Model.IsNew
                ? await Create.HandleAsync(Model.ToCreateCommand())
                : await Update.HandleAsync(Model.ToUpdateCommand());
            await OnSaved.InvokeAsync(saved);
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            saving = false;
        }
    }
}
