using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.OrganizationSettings;

/// <summary>Settings → Outbound allow-list: one host, address or CIDR block per line.</summary>
public sealed partial class OutboundAllowListPage
{
    private OutboundAllowListView? view;
    private string? text;
    private bool saving;
    private List<string> errors = [];

    [Inject]
    private IQueryHandler<GetOutboundAllowListQuery, OutboundAllowListView> GetList { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveOutboundAllowListCommand, OutboundAllowListView> SaveList { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => Show(await GetList.HandleAsync(new GetOutboundAllowListQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var lines = (text ?? string.Empty).Split('\n').Select(l => l.Trim()).ToList();
            Show(await SaveList.HandleAsync(new SaveOutboundAllowListCommand(lines)));
            errors = [];
            Snackbar.Add("Saved the outbound allow-list.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            errors = [.. ex.Errors.Values.SelectMany(v => v)];
        }
        finally
        {
            saving = false;
        }
    }

    private void Show(OutboundAllowListView loaded)
    {
        view = loaded;
        text = string.Join('\n', loaded.Entries);
    }
}
