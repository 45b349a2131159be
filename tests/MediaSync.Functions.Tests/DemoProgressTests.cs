using System.Net;
using System.Text.Json;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

public sealed class DemoProgressTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Start_PollLocationUntilCompleted_ReturnsOutputAndFinalProgress()
    {
        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);

        using HttpResponseMessage started = await host.StartDemoAsync(steps: 5, stepMs: 0);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Uri location = started.Headers.Location ?? throw new Xunit.Sdk.XunitException("202 without Location");
        JsonElement payload = await AppHost.JsonAsync(started);
        Assert.Equal("demo-progress", payload.GetProperty("id").GetString());
        Assert.Equal(location.ToString(), payload.GetProperty("statusQueryGetUri").GetString());
        foreach (string link in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.Contains("demo-progress", payload.GetProperty(link).GetString(), StringComparison.Ordinal);
        }

        // The Location link carries the system key, so following it as given must work.
        JsonElement status = default;
        await Eventually.TrueAsync(async () =>
        {
            using HttpResponseMessage poll = await host.Client.GetAsync(location);
            status = await AppHost.JsonAsync(poll);
            return poll.StatusCode == HttpStatusCode.OK;
        }, Timeout, "the status URL answers 200 (completed)");

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(5, status.GetProperty("output").GetProperty("steps").GetInt32());
        JsonElement progress = status.GetProperty("customStatus");
        Assert.Equal(5, progress.GetProperty("done").GetInt32());
        Assert.Equal(5, progress.GetProperty("total").GetInt32());
        Assert.Equal("done", progress.GetProperty("phase").GetString());

        // The anonymous summary shows the same progress but never the input or the output.
        using HttpResponseMessage summary = await host.Client.GetAsync("/api/dashboard/summary");
        string text = await summary.Content.ReadAsStringAsync();
        JsonElement row = JsonDocument.Parse(text).RootElement.GetProperty("orchestrations")[0];
        Assert.Equal("demo-progress", row.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", row.GetProperty("status").GetString());
        Assert.Equal(5, row.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.DoesNotContain("stepMilliseconds", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("elapsedSeconds", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_WhileRunning_Returns409WithRunningInstanceLinks_AndAfterCompletionStartsAgain()
    {
        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);
        using HttpResponseMessage first = await host.StartDemoAsync(steps: 200, stepMs: 100, parallelism: 1);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using HttpResponseMessage second = await host.StartDemoAsync(steps: 3, stepMs: 0);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await AppHost.JsonAsync(second);
        Assert.Equal("demo-progress", problem.GetProperty("id").GetString());
        string statusUri = problem.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(first.Headers.Location!.ToString(), statusUri);

        // Terminating through the conflict's own link frees the singleton id for a new start.
        using HttpResponseMessage terminated = await host.Client.PostAsync(WithReason(problem.GetProperty("terminatePostUri").GetString()!), null);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            using HttpResponseMessage poll = await host.Client.GetAsync(statusUri);
            return (await AppHost.JsonAsync(poll)).GetProperty("runtimeStatus").GetString() == "Terminated";
        }, Timeout, "the running demo is terminated");

        using HttpResponseMessage third = await host.StartDemoAsync(steps: 2, stepMs: 0);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
    }

    [Fact]
    public async Task Start_OutOfRangeQuery_Returns400NamingTheParameter()
    {
        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);
        foreach (var (query, parameter) in new[] { ("steps=0", "steps"), ("steps=10001", "steps"), ("steps=5&stepMs=-1", "stepMs"), ("steps=5&parallelism=0", "parallelism") })
        {
            using HttpRequestMessage request = host.Request(HttpMethod.Post, "/api/demo/progress?" + query, AppHost.FunctionKey);

            using HttpResponseMessage response = await host.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"'{parameter}'", (await AppHost.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    internal static string WithReason(string link) =>
        link.Replace("{text}", "test", StringComparison.Ordinal).Replace("%7Btext%7D", "test", StringComparison.OrdinalIgnoreCase);
}
