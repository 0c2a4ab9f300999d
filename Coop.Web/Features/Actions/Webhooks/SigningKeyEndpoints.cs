using System.Text;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.Actions.Webhooks;

internal static class SigningKeyEndpoints
{
    /// <summary><c>GET /settings/signing-key.pem</c>: the current public key as a file (ManageOrg).</summary>
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/settings/signing-key.pem", async (IQueryHandler<GetSigningKeyQuery, SigningKeyView> handler, CancellationToken cancellationToken) =>
            {
                var view = await handler.HandleAsync(new GetSigningKeyQuery(), cancellationToken);
                return TypedResults.File(Encoding.ASCII.GetBytes(view.Current.PublicKeyPem), "application/x-pem-file", "coop-webhook-signing-key.pem");
            })
            .RequireAuthorization(Permissions.ManageOrg);
        return endpoints;
    }
}
