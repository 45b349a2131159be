using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

/// <summary>Heap measurements are process-wide, so this class runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(LargeCatalogTests), DisableParallelization = true)]
public sealed class LargeCatalogCollection;

[Collection(nameof(LargeCatalogTests))]
public sealed class LargeCatalogTests
{
    [Fact]
    public async Task VodStreams_200000Items_StreamWithoutHeapGrowingWithSize()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { Movies = 200_000, TvShows = 1, Series = 1 } });
        using var http = SandboxClient.Create(sandbox, TimeSpan.FromSeconds(120));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long bytes = 0;
        long nextSample = 0;
        var items = 0;

        using var response = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[256 * 1024];
        var filled = 0;
        var state = new JsonReaderState();
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(filled))) > 0)
        {
            bytes += read;
            filled += read;
            var json = new Utf8JsonReader(buffer.AsSpan(0, filled), isFinalBlock: false, state);
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("stream_type"))
                {
                    items++;
                }
            }

            state = json.CurrentState;
            var consumed = (int)json.BytesConsumed;
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            if (bytes >= nextSample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                nextSample += 4 * 1024 * 1024;
            }
        }

        Assert.Equal(200_000, items);
        Assert.True(bytes > 50_000_000, $"only {bytes} bytes");
        // The body is tens of MB; streamed, the heap stays within a few MB of where it started.
        Assert.True(peak < 8 * 1024 * 1024, $"heap grew by {peak / 1024} KB while serving {bytes / 1024 / 1024} MB");
        Assert.True(sandbox.Counters.BytesServed >= bytes);
    }
}
