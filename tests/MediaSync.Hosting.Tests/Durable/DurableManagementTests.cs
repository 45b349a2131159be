using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediaSync.Durable;
using MediaSync.Hosting.Durable;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Hosting.Tests.Durable;

public sealed class DurableManagementTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SystemKey = "durable-system-key-0123456789";
    private const string HostKey = "host-default-key-0123456789";
    private const string Base = "/runtime/webhooks/durabletask/instances";

    private readonly FakeDurableTaskClient client = new();

    [Fact]
    public async Task CreateCheckStatusResponse_Returns202WithLocationRetryAfterAndPayload()
    {
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.PostAsync($"/api/start/sync-s1?code={HostKey}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = body.RootElement;
        Assert.Equal("sync-s1", root.GetProperty("id").GetString());
        string status = root.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(status, response.Headers.Location?.ToString());
        Assert.StartsWith($"{host.Client.BaseAddress!.ToString().TrimEnd('/')}{Base}/sync-s1?taskHub=SyncHub&connection=Storage&code={SystemKey}", status, StringComparison.Ordinal);
        Assert.Contains("/raiseEvent/{eventName}?", root.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/terminate?reason={text}&", root.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        foreach (string name in new[] { "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.Contains("/sync-s1", root.GetProperty(name).GetString(), StringComparison.Ordinal);
        }

        using HttpResponseMessage poll = await host.Client.GetAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
    }

    [Fact]
    public async Task CreateConflictResponse_SecondStartWhileRunning_Returns409WithStatusLink()
    {
        await using TestFunctionsHost host = await StartAsync();
        using HttpResponseMessage first = await host.Client.PostAsync($"/api/start/sync-s2?code={HostKey}", null);

        using HttpResponseMessage second = await host.Client.PostAsync($"/api/start/sync-s2?code={HostKey}", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        using JsonDocument body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Contains($"{Base}/sync-s2?", body.RootElement.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(HostKey, HttpStatusCode.Unauthorized)]
    [InlineData(SystemKey, HttpStatusCode.OK)]
    [InlineData(TestFunctionsHost.MasterKey, HttpStatusCode.OK)]
    public async Task ManagementApi_RequiresSystemOrMasterKey(string? key, HttpStatusCode expected)
    {
        client.Add("done", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"{Base}/done" + (key is null ? string.Empty : $"?code={key}"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task GetStatus_Running_Returns202WithRetryAfter5()
    {
        client.Add("running", OrchestrationRuntimeStatus.Running);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"{Base}/running?code={SystemKey}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.EndsWith($"{Base}/running?code={SystemKey}", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Running", body.RootElement.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task GetStatus_Completed_Returns200WithDurableBody()
    {
        client.Add("done", OrchestrationRuntimeStatus.Completed, output: "{\"items\":42}");
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"{Base}/done?code={SystemKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = body.RootElement;
        Assert.Equal("CatalogSync", root.GetProperty("name").GetString());
        Assert.Equal("done", root.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal("s1", root.GetProperty("input").GetProperty("source").GetString());
        Assert.Equal("items", root.GetProperty("customStatus").GetProperty("phase").GetString());
        Assert.Equal(42, root.GetProperty("output").GetProperty("items").GetInt32());
        Assert.Equal("2026-11-23T10:00:00Z", root.GetProperty("createdTime").GetString());
        Assert.Equal("2026-11-23T10:05:00Z", root.GetProperty("lastUpdatedTime").GetString());
        Assert.False(root.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task GetStatus_ShowHistoryAndHideInput_ShapesBody()
    {
        client.Add("done", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using JsonDocument withoutOutputs = await GetJsonAsync(host, $"{Base}/done?showHistory=true&showInput=false&code={SystemKey}");
        using JsonDocument withOutputs = await GetJsonAsync(host, $"{Base}/done?showHistory=true&showHistoryOutput=true&code={SystemKey}");

        Assert.False(withoutOutputs.RootElement.TryGetProperty("input", out _));
        JsonElement events = withoutOutputs.RootElement.GetProperty("historyEvents");
        Assert.Equal(2, events.GetArrayLength());
        Assert.False(events[1].TryGetProperty("Result", out _));
        Assert.Equal("42 items", withOutputs.RootElement.GetProperty("historyEvents")[1].GetProperty("Result").GetString());
    }

    [Fact]
    public async Task GetStatus_FailedWithReturnInternalServerErrorOnFailure_Returns500()
    {
        client.Add("failed", OrchestrationRuntimeStatus.Failed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage plain = await host.Client.GetAsync($"{Base}/failed?code={SystemKey}");
        using HttpResponseMessage flagged = await host.Client.GetAsync($"{Base}/failed?returnInternalServerErrorOnFailure=true&code={SystemKey}");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, flagged.StatusCode);
    }

    [Fact]
    public async Task GetStatus_Unknown_Returns404()
    {
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"{Base}/nope?code={SystemKey}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStatusAndPagesWithContinuationHeader()
    {
        client.Add("a1", OrchestrationRuntimeStatus.Running);
        client.Add("a2", OrchestrationRuntimeStatus.Pending);
        client.Add("a3", OrchestrationRuntimeStatus.Running);
        client.Add("a4", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();
        string url = $"{Base}?runtimeStatus=Running,Pending&instanceIdPrefix=a&top=2&code={SystemKey}";

        using HttpResponseMessage first = await host.Client.GetAsync(url);
        string token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var next = new HttpRequestMessage(HttpMethod.Get, url);
        next.Headers.Add("x-ms-continuation-token", token);
        using HttpResponseMessage second = await host.Client.SendAsync(next);

        var ids = (await first.Content.ReadFromJsonAsync<JsonElement[]>())!.Concat((await second.Content.ReadFromJsonAsync<JsonElement[]>())!)
            .Select(e => e.GetProperty("instanceId").GetString()!).ToArray();
        Assert.Equal(["a1", "a2", "a3"], ids);
        Assert.False(second.Headers.Contains("x-ms-continuation-token"));
    }

    [Fact]
    public async Task List_BadStatus_Returns400NamingParameter()
    {
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"{Base}?runtimeStatus=Sleeping&code={SystemKey}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("runtimeStatus", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_RunningFinishedUnknown_Return202_410_404()
    {
        client.Add("running", OrchestrationRuntimeStatus.Running);
        client.Add("done", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage running = await host.Client.PostAsync($"{Base}/running/terminate?reason=stop%20now&code={SystemKey}", null);
        using HttpResponseMessage done = await host.Client.PostAsync($"{Base}/done/terminate?reason=x&code={SystemKey}", null);
        using HttpResponseMessage unknown = await host.Client.PostAsync($"{Base}/nope/terminate?code={SystemKey}", null);

        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, done.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["terminate running stop now"], client.Calls);
    }

    [Fact]
    public async Task SuspendAndResume_Running_Return202()
    {
        client.Add("running", OrchestrationRuntimeStatus.Running);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage suspend = await host.Client.PostAsync($"{Base}/running/suspend?reason=pause&code={SystemKey}", null);
        using HttpResponseMessage resume = await host.Client.PostAsync($"{Base}/running/resume?reason=go&code={SystemKey}", null);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(["suspend running pause", "resume running go"], client.Calls);
    }

    [Fact]
    public async Task RaiseEvent_JsonBody_Returns202AndBadJsonReturns400()
    {
        client.Add("running", OrchestrationRuntimeStatus.Running);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage ok = await host.Client.PostAsync(
            $"{Base}/running/raiseEvent/Approval?code={SystemKey}", new StringContent("{\"approved\":true}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage bad = await host.Client.PostAsync(
            $"{Base}/running/raiseEvent/Approval?code={SystemKey}", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["raise running Approval {\"approved\":true}"], client.Calls);
    }

    [Fact]
    public async Task Purge_FinishedInstance_Returns200CountThen404()
    {
        client.Add("done", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage first = await host.Client.DeleteAsync($"{Base}/done?code={SystemKey}");
        using HttpResponseMessage again = await host.Client.DeleteAsync($"{Base}/done?code={SystemKey}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task PurgeMany_ByStatus_DeletesMatchingFinishedInstances()
    {
        client.Add("f1", OrchestrationRuntimeStatus.Failed);
        client.Add("f2", OrchestrationRuntimeStatus.Failed);
        client.Add("c1", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.DeleteAsync($"{Base}?runtimeStatus=Failed&code={SystemKey}");

        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(["c1"], client.Instances.Keys);
    }

    [Fact]
    public async Task Restart_StartsSameOrchestrationWithSameInputUnderNewId()
    {
        client.Add("done", OrchestrationRuntimeStatus.Completed);
        await using TestFunctionsHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.PostAsync($"{Base}/done/restart?code={SystemKey}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string newId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.NotEqual("done", newId);
        Assert.Equal([$"schedule CatalogSync {newId} {{\"source\":\"s1\"}}"], client.Calls);
    }

    private static async Task<JsonDocument> GetJsonAsync(TestFunctionsHost host, string url)
    {
        using HttpResponseMessage response = await host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<TestFunctionsHost> StartAsync()
    {
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["Host__SystemKeys__durabletask_extension"] = SystemKey;
        values["Host__Keys__Default"] = HostKey;
        return TestFunctionsHost.StartAsync(
            f => f.AddHttp("Start", AuthLevel.Function, "POST", "start/{id}", async (string id, HttpRequest request, DurableTaskClient durable, CancellationToken ct) =>
            {
                try
                {
                    await durable.ScheduleNewOrchestrationInstanceAsync("CatalogSync", new { source = id }, new StartOrchestrationOptions(id), ct);
                    return DurableHttp.CreateCheckStatusResponse(request, id);
                }
                catch (OrchestrationAlreadyExistsException ex)
                {
                    return DurableHttp.CreateConflictResponse(request, id, ex.Status);
                }
            }),
            values,
            new { version = "2.0", extensions = new { durableTask = new { hubName = "SyncHub" } } },
            services: s => s.AddSingleton<DurableTaskClient>(client));
    }
}
