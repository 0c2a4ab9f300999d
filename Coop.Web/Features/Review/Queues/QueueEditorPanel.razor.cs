using Coop.Domain.Moderation;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Review.Queues;

/// <summary>Creates or edits a queue: name, kind, order, reviewers, hidden actions, default flag; deletes an empty non-default queue.</summary>
public sealed partial class QueueEditorPanel
{
    private FormModel form = new();
    private bool saving;

    [Parameter, EditorRequired]
    public QueueEditor Editor { get; set; } = default!;

    [Parameter]
    public EventCallback OnClose { get; set; }

    [Parameter]
    public EventCallback OnSaved { get; set; }

    [Inject] private ICommandHandler<SaveQueueCommand, QueueForm> Save { get; set; } = default!;
    [Inject] private ICommandHandler<DeleteQueueCommand, bool> Delete { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override void OnParametersSet()
    {
        form = Editor.Queue is { } q
            ? new FormModel
            {
                Id = q.Id, Name = q.Name, Description = q.Description, Kind = q.Kind, Ordering = q.Ordering, IsDefault = q.IsDefault,
                Users = [.. q.ReviewerUserIds], Roles = [.. q.ReviewerRoleIds], Hidden = [.. q.HiddenActionIds],
            }
            : new FormModel();
        Errors = new Dictionary<string, string[]>();
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            await Save.HandleAsync(new SaveQueueCommand(form.Id, form.Name ?? string.Empty, form.Description, form.Kind, form.Ordering, form.IsDefault,
                [.. form.Users], [.. form.Roles], [.. form.Hidden]));
            await OnSaved.InvokeAsync();
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        try
        {
            await Delete.HandleAsync(new DeleteQueueCommand(form.Id!));
            await OnSaved.InvokeAsync();
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
    }

    private bool Has(string key) => Errors.ContainsKey(key);

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static string Name(IReadOnlyList<Choice> choices, string? id) => choices.FirstOrDefault(c => c.Id == id)?.Name ?? id ?? string.Empty;

    private sealed class FormModel
    {
        public string? Id { get; init; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public QueueKind Kind { get; set; } = QueueKind.Standard;

        public QueueOrdering Ordering { get; set; } = QueueOrdering.Age;

        public bool IsDefault { get; set; }

        public IReadOnlyCollection<string> Users { get; set; } = [];

        public IReadOnlyCollection<string> Roles { get; set; } = [];

        public IReadOnlyCollection<string> Hidden { get; set; } = [];
    }
}
