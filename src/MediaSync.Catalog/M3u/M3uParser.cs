using System.Runtime.CompilerServices;
using System.Text;
using MediaSync.Catalog.Model;

namespace MediaSync.Catalog.M3u;

/// <summary>
/// Streams an M3U / M3U Plus playlist line by line: <c>#EXTINF</c> attributes in any order, quoted
/// values with commas, the display name after the first comma outside quotes, <c>#EXTVLCOPT</c> and
/// friends between EXTINF and URL, CRLF and a UTF-8 BOM. Lines that are not entries are ignored, but
/// a body that does not start with <c>#EXTM3U</c> (an HTML error page, a bare "blocked") throws
/// <see cref="InvalidDataException"/>: an empty result must mean an empty playlist, never an error page.
/// </summary>
internal static class M3uParser
{
    public static async IAsyncEnumerable<M3uEntry> ParseAsync(Stream playlist, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(playlist, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        ExtInf? pending = null;
        string? group = null;
        bool headerSeen = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } raw)
        {
            string line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                if (!line.StartsWith("#EXTM3U", StringComparison.OrdinalIgnoreCase))
                {
                    string start = line.Length > 40 ? line[..40] : line;
                    throw new InvalidDataException($"not an M3U playlist: the body starts with \"{Providers.SecretRedactor.Redact(start)}\" instead of #EXTM3U");
                }

                headerSeen = true;
                continue;
            }

            if (line.StartsWith("#EXTINF", StringComparison.OrdinalIgnoreCase))
            {
                pending = ParseExtInf(line);
                group = null;
            }
            else if (line.StartsWith("#EXTGRP:", StringComparison.OrdinalIgnoreCase))
            {
                group = line[8..].Trim();
            }
            else if (line[0] == '#')
            {
                // #EXTM3U, #EXTVLCOPT, #KODIPROP and unknown tags carry nothing the catalog keeps.
            }
            else if (pending is not null)
            {
                Dictionary<string, string> attributes = pending.Attributes;
                yield return new M3uEntry
                {
                    Name = pending.Name.Length > 0 ? pending.Name : Get(attributes, "tvg-name") ?? line,
                    Url = line,
                    Duration = pending.Duration,
                    TvgId = Get(attributes, "tvg-id"),
                    TvgName = Get(attributes, "tvg-name"),
                    TvgLogo = Get(attributes, "tvg-logo"),
                    GroupTitle = Get(attributes, "group-title") ?? group,
                    Attributes = attributes,
                };
                pending = null;
                group = null;
            }
        }
    }

    /// <summary>Parses <c>#EXTINF:-1 key="value" key2=value2,Display, Name</c>.</summary>
    internal static ExtInf ParseExtInf(string line)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        int i = colon < 0 ? line.Length : colon + 1;

        int durationStart = i;
        while (i < line.Length && line[i] != ' ' && line[i] != ',' && line[i] != '\t')
        {
            i++;
        }

        double duration = double.TryParse(line.AsSpan(durationStart, i - durationStart), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : -1;

        while (i < line.Length)
        {
            char c = line[i];
            if (c == ',')
            {
                return new ExtInf(duration, line[(i + 1)..].Trim(), attributes);
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int keyStart = i;
            while (i < line.Length && line[i] != '=' && line[i] != ',' && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            string key = line[keyStart..i];
            if (i >= line.Length || line[i] != '=')
            {
                continue;
            }

            i++;
            string value;
            if (i < line.Length && line[i] == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    close = line.Length;
                }

                value = line[(i + 1)..close];
                i = Math.Min(close + 1, line.Length);
            }
            else
            {
                int valueStart = i;
                while (i < line.Length && line[i] != ',' && !char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                value = line[valueStart..i];
            }

            if (key.Length > 0)
            {
                attributes[key] = value;
            }
        }

        return new ExtInf(duration, string.Empty, attributes);
    }

    private static string? Get(Dictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;

    internal sealed record ExtInf(double Duration, string Name, Dictionary<string, string> Attributes);
}
