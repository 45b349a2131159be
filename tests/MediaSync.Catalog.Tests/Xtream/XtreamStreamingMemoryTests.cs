using Xunit.Abstractions;
using System.Text;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Xtream;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Xtream;

/// <summary>Runs alone: heap measurements must not see other tests' allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}

/// <summary>A whole-catalog list is parsed as a stream: live heap growth stays far below the body size.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class XtreamStreamingMemoryTests(ITestOutputHelper output)
{
    private const int MaxHeapGrowth = 4 * 1024 * 1024;

    [Fact]
    public async Task GetItemsAsync_TenMegabyteList_StreamsWithBoundedHeapGrowth()
    {
        (byte[] body, int count) = GenerateVodList(minimumBytes: 10 * 1024 * 1024 + 1);
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";

            // Chunked, without Content-Length: the client cannot size a buffer up front.
            for (int offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        });
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakGrowth = 0;
        int seen = 0;
        long idSum = 0;
        await foreach (CatalogItem item in sut.GetItemsAsync(CatalogKind.Vod))
        {
            idSum += long.Parse(item.ProviderId, CultureInfo.InvariantCulture);
            if (++seen % 5_000 == 0)
            {
                peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        output.WriteLine($"{seen:N0} items, {body.Length:N0} bytes streamed, peak live-heap growth {peakGrowth:N0} bytes");
        Assert.Equal(count, seen);
        Assert.Equal((long)count * (count + 1) / 2, idSum);
        Assert.True(body.Length > 10 * 1024 * 1024);
        Assert.True(peakGrowth < MaxHeapGrowth, $"live heap grew by {peakGrowth:N0} bytes while streaming a {body.Length:N0}-byte list");
    }

    private static (byte[] Body, int Count) GenerateVodList(int minimumBytes)
    {
        var text = new StringBuilder(minimumBytes + 1024);
        text.Append('[');
        int id = 0;
        while (text.Length < minimumBytes)
        {
            id++;
            if (id > 1)
            {
                text.Append(',');
            }

            // Alternate the quirky shapes so the stream parser takes every coercion path.
            text.Append(CultureInfo.InvariantCulture, $$"""{"num":{{id}},"name":"Generated movie number {{id}} with a reasonably long title","stream_type":"movie","stream_id":{{(id % 2 == 0 ? $"\"{id}\"" : id.ToString(CultureInfo.InvariantCulture))}},"stream_icon":"http://img.example/posters/{{id}}.jpg","rating":"{{id % 10}}.5","rating_5based":2.5,"added":"{{1_700_000_000 + id}}","is_adult":"0","category_id":"{{id % 50}}","category_ids":[{{id % 50}}],"container_extension":"mkv","custom_sid":"","direct_source":"","tmdb":"{{(id % 3 == 0 ? string.Empty : id.ToString(CultureInfo.InvariantCulture))}}"}""");
        }

        text.Append(']');
        return (Encoding.UTF8.GetBytes(text.ToString()), id);
    }
}
