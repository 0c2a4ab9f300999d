using Coop.Web.Features.Administration;

namespace Coop.Web.Account;

/// <summary>Until the first user exists, every page leads to the one-time setup page.</summary>
internal sealed class FirstRunMiddleware(RequestDelegate next, FirstRunState firstRun)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsPageRequest(context.Request) && !await firstRun.IsSetUpAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }

    private static bool IsPageRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        return !path.StartsWith("/setup", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/_", StringComparison.Ordinal)
            && !path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            && !Path.HasExtension(path);
    }
}
