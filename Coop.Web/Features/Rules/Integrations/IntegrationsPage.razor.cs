using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Rules.Integrations;

/// <summary>Settings → Integrations: a card per signal with organization settings.</summary>
public sealed partial class IntegrationsPage
{
    private IReadOnlyList<IntegrationView>? integrations;

    [Inject]
    private IQueryHandler<ListIntegrationsQuery, IReadOnlyList<IntegrationView>> ListIntegrations { get; set; } = default!;

    protected override async Task OnInitializedAsync() => integrations = await ListIntegrations.HandleAsync(new ListIntegrationsQuery());
}
