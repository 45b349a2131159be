namespace MediaSync.Streams;

/// <summary>One media segment of an HLS media playlist.</summary>
/// <param name="Uri">The absolute segment URI.</param>
/// <param name="DurationSeconds">The <c>#EXTINF</c> duration, when it parsed.</param>
internal sealed record HlsSegment(Uri Uri, double? DurationSeconds);
