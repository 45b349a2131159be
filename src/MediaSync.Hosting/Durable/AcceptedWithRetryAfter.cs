using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Hosting.Durable;

/// <summary>202 with <c>Location</c>, <c>Retry-After</c> (seconds) and a JSON body.</summary>
internal sealed class AcceptedWithRetryAfter(Uri location, TimeSpan retryAfter, object body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location.AbsoluteUri;
        httpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Json(body, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(httpContext);
    }
}
