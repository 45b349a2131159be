using System.Globalization;
using System.Text;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Reversible, prefix-preserving escaping of instance ids for table keys and blob names: '^' is
/// the escape character, the characters Azure Tables forbid become '^0'…'^3' or '^xHH'. Each
/// character maps on its own, so escape(prefix) is a prefix of escape(id) and prefix queries stay
/// range scans.
/// </summary>
internal static class KeySanitizer
{
    public static string Escape(string key)
    {
        if (!NeedsEscape(key))
        {
            return key;
        }

        var sb = new StringBuilder(key.Length + 8);
        foreach (char c in key)
        {
            switch (c)
            {
                case '^': sb.Append("^^"); break;
                case '/': sb.Append("^0"); break;
                case '\\': sb.Append("^1"); break;
                case '#': sb.Append("^2"); break;
                case '?': sb.Append("^3"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("^x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    public static string Unescape(string key)
    {
        if (!key.Contains('^', StringComparison.Ordinal))
        {
            return key;
        }

        var sb = new StringBuilder(key.Length);
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] != '^' || i + 1 >= key.Length)
            {
                sb.Append(key[i]);
                continue;
            }

            char n = key[++i];
            switch (n)
            {
                case '^': sb.Append('^'); break;
                case '0': sb.Append('/'); break;
                case '1': sb.Append('\\'); break;
                case '2': sb.Append('#'); break;
                case '3': sb.Append('?'); break;
                case 'x':
                    sb.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: sb.Append('^').Append(n); break;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(string key)
    {
        foreach (char c in key)
        {
            if (c is '^' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
