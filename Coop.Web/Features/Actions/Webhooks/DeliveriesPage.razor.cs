using Coop.Domain.Webhooks;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Actions.Webhooks;

public sealed partial class DeliveriesPage
{
    private static readonly OutboxStatus?[] Filters = [null, OutboxStatus.Pending, OutboxStatus.Delivered, OutboxStatus.Failed, OutboxStatus.Dead];

    private DeliveryLog? log;
    private DeliveryDetails? details;
    private OutboxStatus? filter;
    private string? error;
    private bool retrying;

    /// <summary>With <see cref="ItemId"/>, only the deliveries about that item (links from an item or a manual run).</summary>
    [SupplyParameterFromQuery(Name = "itemId")]
    public string? ItemId { get; set; }

    [SupplyParameterFromQuery(Name = "itemTypeId")]
    public string? ItemTypeId { get; set; }

    [Inject]
    private IQueryHandler<ListDeliveriesQuery, DeliveryLog> ListDeliveries { get; set; } = default!;

    [Inject]
    private IQueryHandler<GetDeliveryDetailsQuery, DeliveryDetails?> GetDetails { get; set; } = default!;

    [Inject]
    private ICommandHandler<RetryDeliveryCommand, bool> Retry { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            error = null;
            log = await ListDeliveries.HandleAsync(new ListDeliveriesQuery(filter, ItemId: string.IsNullOrEmpty(ItemId) ? null : ItemId, ItemTypeId: string.IsNullOrEmpty(ItemTypeId) ? null : ItemTypeId));
            if (details is not null)
            {
                details = await GetDetails.HandleAsync(new GetDeliveryDetailsQuery(details.Message.Id));
            }
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task FilterAsync(OutboxStatus? status)
    {
        filter = status;
        await LoadAsync();
    }

    private async Task SelectAsync(string id) => details = await GetDetails.HandleAsync(new GetDeliveryDetailsQuery(id));

    private async Task RetryAsync()
    {
        if (details is null)
        {
            return;
        }

        retrying = true;
        try
        {
            await Retry.HandleAsync(new RetryDeliveryCommand(details.Message.Id));
            Snackbar.Add("Retrying now.", Severity.Success);
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            retrying = false;
        }
    }

    private int Count(OutboxStatus? status) =>
        log is null ? 0 : status is { } s ? log.Counts.GetValueOrDefault(s) : log.Counts.Values.Sum();

    private static string FilterKey(OutboxStatus? status) => status?.ToString().ToLowerInvariant() ?? "all";

    private static string FilterLabel(OutboxStatus? status) => status?.ToString() ?? "All";
}
