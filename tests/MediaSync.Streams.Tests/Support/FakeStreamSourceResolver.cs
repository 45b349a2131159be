using System.Collections.Concurrent;

namespace MediaSync.Streams.Tests.Support;

internal sealed class FakeStreamSourceResolver : IStreamSourceResolver
{
    public ConcurrentDictionary<string, StreamSource> Sources { get; } = new();

    public ValueTask<StreamSource?> ResolveAsync(string streamId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sources.TryGetValue(streamId, out var source) ? source : null);
}
