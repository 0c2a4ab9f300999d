using Coop.Web.Features.Review.Presence;

namespace Coop.Web.Features.Review;

internal static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<IQueueAccess, QueueAccess>();
        services.AddSingleton<IJobPresence, InMemoryJobPresence>();
        return services;
    }
}
