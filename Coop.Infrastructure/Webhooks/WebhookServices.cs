using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Infrastructure.Webhooks;

public static class WebhookServices
{
    /// <summary>Signing keys, the outbox producer API and the dispatcher (a hosted service). Needs <c>AddOutboundHttp</c>.</summary>
    public static IServiceCollection AddCoopWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Timeout > TimeSpan.Zero && o.BackoffBase >= TimeSpan.Zero && o.PollInterval > TimeSpan.Zero,
                "Webhooks:Timeout and Webhooks:PollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IWebhookSigner, WebhookSigner>();
        services.AddSingleton<WebhookDispatchSignal>();
        services.AddSingleton<IWebhookOutbox, WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
