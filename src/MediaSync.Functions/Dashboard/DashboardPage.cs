using MediaSync.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Dashboard;

/// <summary>
/// <c>GET /</c>: one self-contained page (inline CSS and script, no CDN) that polls
/// <c>/{routePrefix}/dashboard/summary</c> every second.
/// </summary>
internal static class DashboardPage
{
    /// <summary>Maps the page (anonymous: it holds no data, only the script that reads the anonymous summary).</summary>
    public static IEndpointRouteBuilder MapDashboardPage(this WebApplication app)
    {
        string prefix = app.Services.GetRequiredService<IOptions<HttpHostOptions>>().Value.PathPrefix;
        string html = LoadTemplate().Replace("SUMMARY_URL", $"{prefix}/dashboard/summary", StringComparison.Ordinal);
        app.MapGet("/", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }).WithName("Dashboard");
        return app;
    }

    private static string LoadTemplate()
    {
        using Stream stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("MediaSync.Functions.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("The embedded dashboard page is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
