namespace MediaSync.Catalog.Storage;

/// <summary>What a sweep deleted.</summary>
/// <param name="Categories">Category rows deleted.</param>
/// <param name="Items">Item rows deleted.</param>
/// <param name="Episodes">Episode rows deleted.</param>
public sealed record SweepResult(int Categories, int Items, int Episodes)
{
    /// <summary>Gets the number of rows deleted in all.</summary>
    public int Total => Categories + Items + Episodes;
}
