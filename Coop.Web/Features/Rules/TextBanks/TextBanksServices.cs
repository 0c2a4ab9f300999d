using Coop.Web.Features.Rules.LocationBanks;

namespace Coop.Web.Features.Rules.TextBanks;

public static class TextBanksServices
{
    /// <summary>The caches of built text bank matchers and location prefix sets the text and geo signals read.</summary>
    public static IServiceCollection AddMatchingBanks(this IServiceCollection services)
    {
        services.AddSingleton<TextBankMatcherCache>();
        services.AddSingleton<LocationBankCache>();
        return services;
    }
}
