using Coop.Web.Api;
using Coop.Web.Api.Contract;
using Coop.Web.Application;

namespace Coop.Web.Features.Policies;

/// <summary><c>GET /api/v1/policies/</c>: the organization's policies, flat, with <c>parentId</c> (null at the top).</summary>
internal sealed class PoliciesApi : IApiModule
{
    public void Map(RouteGroupBuilder api) =>
        api.MapGet("/policies", ListAsync).WithName("ListPolicies").Produces<PoliciesResult>()
            .WithSummary("Every policy of the organization: { policies: [ { id, name, parentId } ] }. Ids are immutable.");

    internal static async Task<IResult> ListAsync(
        HttpContext http, ApiKeyAuthenticator keys, IQueryHandler<ListPoliciesForApiQuery, IReadOnlyList<ApiPolicy>> policies,
        CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("get-policies");
        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var list = await policies.HandleAsync(new ListPoliciesForApiQuery(caller.OrganizationId), cancellationToken);
        return Results.Json(new { policies = list.Select(p => new { id = p.Id, name = p.Name, parentId = p.ParentId }) }, ApiResults.Json);
    }
}
