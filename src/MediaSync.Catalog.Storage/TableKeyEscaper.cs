using System.Globalization;
using System.Text;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Reversible escaping of the characters Azure Tables forbids in PartitionKey and RowKey values
/// (<c>/ \ # ?</c>, U+0000–U+001F and U+007F–U+009F), in the manner of the Durable Task Framework's
/// KeySanitation: each forbidden character, and the escape character <c>^</c> itself, becomes
/// <c>^</c> followed by two upper-case hex digits.
/// </summary>
/// <remarks>
/// Escaping works character by character, so <c>Escape(a + b) == Escape(a) + Escape(b)</c>: the escaped
/// form of a prefix is a prefix of the escaped key, which keeps PartitionKey range scans working.
/// </remarks>
public static class TableKeyEscaper
{
    /// <summary>
    /// The longest escaped key accepted, in UTF-16 code units: Azure allows 1 KiB per key and counts
    /// strings as UTF-16, so 512 characters.
    /// </summary>
    public const int MaxEscapedLength = 512;

    private const char EscapeChar = '^';

    private static readonly System.Buffers.SearchValues<char> NeedsEscape = System.Buffers.SearchValues.Create(BuildEscapedSet());

    /// <summary>Escapes <paramref name="key"/> for use as a PartitionKey or RowKey.</summary>
    /// <param name="key">The logical key; any string.</param>
    /// <returns>The key with forbidden characters escaped.</returns>
    /// <exception cref="ArgumentException">The escaped key is longer than <see cref="MaxEscapedLength"/>.</exception>
    public static string Escape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int firstEscape = key.AsSpan().IndexOfAny(NeedsEscape);
        string escaped = firstEscape < 0 ? key : EscapeFrom(key, firstEscape);
        if (escaped.Length > MaxEscapedLength)
        {
            // Truncating would make the key irreversible and could merge two ids into one row.
            throw new ArgumentException(
                $"The table key is {escaped.Length} characters once escaped; Azure Tables allows {MaxEscapedLength}. " +
                $"Key starts with '{Preview(key)}'.",
                nameof(key));
        }

        return escaped;
    }

    /// <summary>Reverses <see cref="Escape(string)"/>.</summary>
    /// <param name="escapedKey">A key produced by <see cref="Escape(string)"/>.</param>
    /// <returns>The logical key.</returns>
    /// <exception cref="FormatException">The key holds a malformed escape sequence.</exception>
    public static string Unescape(string escapedKey)
    {
        ArgumentNullException.ThrowIfNull(escapedKey);
        int first = escapedKey.IndexOf(EscapeChar, StringComparison.Ordinal);
        if (first < 0)
        {
            return escapedKey;
        }

        var builder = new StringBuilder(escapedKey.Length);
        builder.Append(escapedKey, 0, first);
        for (int i = first; i < escapedKey.Length; i++)
        {
            char c = escapedKey[i];
            if (c != EscapeChar)
            {
                builder.Append(c);
                continue;
            }

            if (i + 2 >= escapedKey.Length ||
                !byte.TryParse(escapedKey.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte code))
            {
                throw new FormatException($"Malformed escape sequence at position {i} of table key '{Preview(escapedKey)}'.");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/>: the
    /// exclusive upper bound of an ordinal prefix range scan.
    /// </summary>
    internal static string PrefixUpperBound(string prefix)
    {
        if (prefix.Length == 0 || prefix[^1] == char.MaxValue)
        {
            throw new ArgumentException("A prefix scan needs a non-empty prefix not ending in U+FFFF.", nameof(prefix));
        }

        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
    }

    private static string BuildEscapedSet()
    {
        var chars = new StringBuilder("/\\#?^");
        for (char c = '\u0000'; c <= '\u001F'; c++)
        {
            chars.Append(c);
        }

        for (char c = '\u007F'; c <= '\u009F'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }

    private static string EscapeFrom(string key, int firstEscape)
    {
        var builder = new StringBuilder(key.Length + 8);
        builder.Append(key, 0, firstEscape);
        for (int i = firstEscape; i < key.Length; i++)
        {
            char c = key[i];
            if (NeedsEscape.Contains(c))
            {
                builder.Append(EscapeChar).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Preview(string key)
    {
        // Control characters would garble a log line; the preview is for humans.
        var preview = new StringBuilder();
        foreach (char c in key.AsSpan(0, Math.Min(key.Length, 40)))
        {
            preview.Append(char.IsControl(c) ? '?' : c);
        }

        return key.Length > 40 ? preview.Append('…').ToString() : preview.ToString();
    }
}
