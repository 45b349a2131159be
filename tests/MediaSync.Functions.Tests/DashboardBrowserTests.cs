using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

public sealed partial class DashboardBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Dashboard_InHeadlessChromium_RendersTheRunningDemoBarAndItAdvances()
    {
        string? unavailable = await HeadlessChromium.EnsureInstalledAsync();
        Skip.If(unavailable is not null, $"Chromium is not available and could not be installed: {unavailable}");

        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);
        using HttpResponseMessage started = await host.StartDemoAsync(steps: 60, stepMs: 250, parallelism: 1);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Eventually.TrueAsync(async () => await SummaryDoneAsync(host) >= 1, Timeout, "the demo reports its first step");

        int first = DoneInDom(await HeadlessChromium.DumpDomAsync(host.BaseAddress, 3000));
        await Eventually.TrueAsync(async () => await SummaryDoneAsync(host) > first, Timeout, $"the demo gets past step {first}");
        int second = DoneInDom(await HeadlessChromium.DumpDomAsync(host.BaseAddress, 3000));

        Assert.True(second > first, $"the bar advanced in the browser (done {first} then {second})");
        Assert.True(second < 60, "the demo was still running, so the bar showed live progress");

        string artifacts = Path.Combine(RepositoryRoot.Find(), "artifacts", "MediaSync.Functions.Tests");
        Directory.CreateDirectory(artifacts);
        string screenshot = Path.Combine(artifacts, "dashboard.png");
        File.Delete(screenshot);
        await HeadlessChromium.ScreenshotAsync(host.BaseAddress, 3000, screenshot);
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 1000, $"the screenshot {screenshot} has content ({png.Length} bytes)");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    private static async Task<int> SummaryDoneAsync(AppHost host)
    {
        using HttpResponseMessage response = await host.Client.GetAsync("/api/dashboard/summary");
        JsonElement summary = await AppHost.JsonAsync(response);
        foreach (JsonElement row in summary.GetProperty("orchestrations").EnumerateArray())
        {
            if (row.GetProperty("instanceId").GetString() == "demo-progress" && row.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress)
            {
                return progress.GetProperty("done").GetInt32();
            }
        }

        return -1;
    }

    private static int DoneInDom(string dom)
    {
        Match bar = DemoBar().Match(dom);
        Assert.True(bar.Success, $"the DOM has a progress bar for demo-progress: {dom[..Math.Min(dom.Length, 3000)]}");
        return int.Parse(bar.Groups["done"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""class="bar" data-instance="demo-progress" data-done="(?<done>\d+)" data-total="60" role="progressbar""")]
    private static partial Regex DemoBar();
}
