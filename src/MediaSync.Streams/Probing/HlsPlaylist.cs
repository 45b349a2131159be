using System.Globalization;

namespace MediaSync.Streams;

/// <summary>
/// The parts of an HLS playlist a probe needs: the variants of a master playlist, or the segments of a media playlist.
/// URIs are resolved against the playlist's own URL.
/// </summary>
internal sealed class HlsPlaylist
{
    private HlsPlaylist(IReadOnlyList<Uri> variants, IReadOnlyList<HlsSegment> segments, bool hasEndList)
    {
        Variants = variants;
        Segments = segments;
        HasEndList = hasEndList;
    }

    /// <summary>Gets the variant playlists of a master playlist, in the order listed.</summary>
    public IReadOnlyList<Uri> Variants { get; }

    /// <summary>Gets the segments of a media playlist, oldest first.</summary>
    public IReadOnlyList<HlsSegment> Segments { get; }

    /// <summary>Gets a value indicating whether the playlist is finished (VOD); a live playlist has no end marker.</summary>
    public bool HasEndList { get; }

    /// <summary>Gets a value indicating whether this is a master playlist.</summary>
    public bool IsMaster => Variants.Count > 0;

    /// <summary>Parses <paramref name="text"/>; null when it is not an M3U playlist at all.</summary>
    public static HlsPlaylist? Parse(string text, Uri playlistUrl)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.Trim()).ToList();
        if (lines.Count == 0 || !lines[0].StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            return null;
        }

        var variants = new List<Uri>();
        var segments = new List<HlsSegment>();
        bool hasEndList = false;
        bool nextIsVariant = false;
        double? nextDuration = null;
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                if (line.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
                {
                    nextIsVariant = true;
                }
                else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
                {
                    string value = line["#EXTINF:".Length..].Split(',', 2)[0];
                    nextDuration = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : null;
                }
                else if (line.StartsWith("#EXT-X-ENDLIST", StringComparison.Ordinal))
                {
                    hasEndList = true;
                }

                continue;
            }

            if (!Uri.TryCreate(playlistUrl, line, out Uri? uri))
            {
                continue;
            }

            if (nextIsVariant)
            {
                variants.Add(uri);
            }
            else
            {
                segments.Add(new HlsSegment(uri, nextDuration));
            }

            nextIsVariant = false;
            nextDuration = null;
        }

        return new HlsPlaylist(variants, segments, hasEndList);
    }
}
