using System.Globalization;
using System.Threading.RateLimiting;
using Coop.Domain.ApiKeys;
using Coop.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coop.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter with one global, partitioned limiter: <c>/api/*</c> per API key (by the key's SHA-256,
/// never the key; requests without one per client address), and account form posts (sign-in, two-factor, password
/// reset, invitation, first-run setup) per client address, so password guessing is slowed before Identity's lockout
/// locks the account. Everything else is not limited. Refusals are 429 with <c>Retry-After</c>, in Coop's error
/// envelope on the API. Limits are per node.
/// </summary>
public static partial class RateLimitingSetup
{
    /// <summary>The error type of a 429 from the API.</summary>
    public const string RateLimitedType = "/errors/rate-limited";

    public static IServiceCollection AddCoopRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingSettings>().Bind(configuration.GetSection(RateLimitingSettings.SectionName))
            .ValidateDataAnnotations()
            .Validate(s => s.ApiWindow > TimeSpan.Zero && s.SignInWindow > TimeSpan.Zero, "RateLimiting:ApiWindow and RateLimiting:SignInWindow must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(static _ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingSettings>>(static (o, settings) =>
        {
            o.GlobalLimiter = Create(settings.Value);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>True for the account form posts limited per client address.</summary>
    public static bool IsAccountFormPost(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsPost(request.Method)
            && request.Path.StartsWithSegments("/account")
            && !request.Path.StartsWithSegments("/account/logout");
    }

    private static PartitionedRateLimiter<HttpContext> Create(RateLimitingSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var request = context.Request;
            if (settings.ApiPermitLimit > 0 && request.Path.StartsWithSegments("/api"))
            {
                var key = request.Headers[ApiKeyAuthenticator.HeaderName].ToString().Trim();
                var partition = key.Length is > 0 and <= 256 ? "key:" + ApiKey.Hash(key) : "address:" + ClientAddress(context);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.ApiPermitLimit,
                    TokensPerPeriod = settings.ApiPermitLimit,
                    ReplenishmentPeriod = settings.ApiWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            if (settings.SignInPermitLimit > 0 && IsAccountFormPost(request))
            {
                return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.SignInPermitLimit,
                    Window = settings.SignInWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            return RateLimitPartition.GetNoLimiter(string.Empty);
        });

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingSettings>>().Value;
        var api = context.Request.Path.StartsWithSegments("/api");
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : api ? settings.ApiWindow : settings.SignInWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitingSetup).FullName!);
        LogRejected(logger, api ? "API" : "sign-in", context.Request.Path, seconds);

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (api)
        {
            await ApiResults.Error(new ApiError(StatusCodes.Status429TooManyRequests, [RateLimitedType], "Too many requests",
                $"This API key made more than {settings.ApiPermitLimit} requests in {settings.ApiWindow.TotalSeconds:0.###} s. Retry after {seconds} s."))
                .ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"Too many sign-in attempts from your address. Wait {seconds} seconds, then try again.", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached ({Limiter}) on {Path}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string limiter, PathString path, int seconds);
}
