namespace Coop.Web.Api;

/// <summary>Turns anything unexpected into Coop's 500 envelope (no internals leak) and logs it with a request id.</summary>
internal sealed class ApiExceptionFilter(ILogger<ApiExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            return ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "The request could not be read.", ex.Message, string.Empty));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var requestId = ApiEndpoints.NewRequestId("error");
            logger.LogError(ex, "Platform API request {Method} {Path} failed ({RequestId})",
                context.HttpContext.Request.Method, context.HttpContext.Request.Path, requestId);
            return ApiResults.Internal(requestId);
        }
    }
}
