using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Presence;
using Coop.Web.Features.Review.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Coop.Web.Features.Review;

internal static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<IQueueAccess, QueueAccess>();
        services.AddSingleton<IJobPresence, InMemoryJobPresence>();
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<Jobs.ItemDisplayBuilder>();
        services.AddSingleton<RoutingSignal>();
        services.AddSingleton<RoutingContextFactory>();
        services.AddSingleton<Features.Actions.Execution.IBuiltInActionEffect, EnqueueToReviewEffect>();
        services.AddSingleton<Features.Actions.Execution.IBuiltInActionEffect, EnqueueAuthorToReviewEffect>();
        services.AddSingleton<ReviewRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<ReviewRouter>());
        services.AddScoped<ClaimTracker>();
        services.AddScoped<CircuitHandler, ClaimReleaseCircuitHandler>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler, CircuitConnectionHandler>();
        return services;
    }
}
