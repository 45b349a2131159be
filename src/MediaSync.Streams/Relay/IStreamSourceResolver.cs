namespace MediaSync.Streams;

/// <summary>Finds the upstream of a stream id (from the catalog in the app).</summary>
internal interface IStreamSourceResolver
{
    /// <summary>The upstream URL and account of <paramref name="streamId"/>, or null when the id is unknown.</summary>
    ValueTask<StreamSource?> ResolveAsync(string streamId, CancellationToken cancellationToken);
}
