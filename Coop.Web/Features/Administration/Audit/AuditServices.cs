using Coop.Infrastructure.Persistence.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coop.Web.Features.Administration.Audit;

internal static class AuditServices
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<AuditChainCheck>();
        services.TryAddSingleton<IAuditAlertNotifier, AuditChainAlertEmail>();
        services.AddScoped<SignInAuditor>();
        return services;
    }
}
