using Microsoft.AspNetCore.Http;

namespace MediaSync.Hosting.Http;

/// <summary>
/// Enforces a function's authorization level: the key comes from the <c>x-functions-key</c> header (preferred) or
/// the <c>code</c> query parameter. A refusal is a bare 401 that does not say why.
/// </summary>
internal sealed class FunctionKeyMiddleware(RequestDelegate next, FunctionKeyStore keys, FunctionKeyPolicy policy)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public Task InvokeAsync(HttpContext context)
    {
        FunctionEndpointMetadata? function = context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>();
        if (function is null || function.AuthLevel == AuthLevel.Anonymous || policy.ChecksDisabled)
        {
            return next(context);
        }

        string? candidate = context.Request.Headers[HeaderName].FirstOrDefault() ?? context.Request.Query[QueryName].FirstOrDefault();
        if (keys.Authorizes(function.AuthLevel, function.FunctionName, candidate))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
