using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>The audit chain alert banner of the console layout; the layout renders it for admins only.</summary>
public sealed partial class AuditChainBanner
{
    private AuditChainAlert? alert;

    [Inject]
    private IQueryHandler<GetAuditChainAlertQuery, AuditChainAlert?> GetAlert { get; set; } = default!;

    protected override async Task OnInitializedAsync() => alert = await GetAlert.HandleAsync(new GetAuditChainAlertQuery());
}
