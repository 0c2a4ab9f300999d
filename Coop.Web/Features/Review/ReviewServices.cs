namespace Coop.Web.Features.Review;

internal static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<IQueueAccess, QueueAccess>();
        return services;
    }
}
