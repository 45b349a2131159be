namespace MediaSync.Catalog.Json;

/// <summary>
/// Tolerant readers for provider JSON, written for PHP's <c>json_encode</c> and its friends: numbers
/// arrive as strings, <c>""</c> and <c>[]</c> stand for null, booleans arrive as 0/1. Optional fields
/// degrade to <see langword="null"/> when a string does not parse; a value of the wrong shape (an
/// object where a scalar belongs) and a missing or unusable key throw <see cref="JsonFieldException"/>.
/// </summary>
internal static class Flex
{
    public static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement value))
        {
            return value;
        }

        return null;
    }

    public static string? String(JsonElement obj, string name) => StringValue(Property(obj, name), name);

    public static string? String(JsonElement obj, string name, string fallbackName) =>
        String(obj, name) ?? String(obj, fallbackName);

    /// <summary>Reads a key (an id) that must be present: a non-empty string or a number.</summary>
    public static string RequiredId(JsonElement obj, string name) =>
        String(obj, name) ?? throw new JsonFieldException(name, $"required id '{name}' is missing or empty");

    public static long? Int64(JsonElement obj, string name) => Int64Value(Property(obj, name), name);

    /// <summary>Reads a numeric key that must be present.</summary>
    public static long RequiredInt64(JsonElement obj, string name) =>
        Int64(obj, name) ?? throw new JsonFieldException(name, $"required number '{name}' is missing or not a number");

    /// <summary>Throws unless <paramref name="item"/> is a JSON object.</summary>
    public static JsonElement EnsureObject(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object ? item : throw new JsonFieldException(string.Empty, $"item is {Describe(item.ValueKind)}, expected an object");

    public static int? Int32(JsonElement obj, string name)
    {
        long? value = Int64(obj, name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : null;
    }

    public static double? Double(JsonElement obj, string name)
    {
        JsonElement? value = Property(obj, name);
        if (IsNullish(value))
        {
            return null;
        }

        JsonElement v = value!.Value;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String => double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null,
            _ => throw WrongShape(name, v, "a number"),
        };
    }

    public static bool? Bool(JsonElement obj, string name)
    {
        JsonElement? value = Property(obj, name);
        if (IsNullish(value))
        {
            return null;
        }

        JsonElement v = value!.Value;
        switch (v.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number: return v.TryGetDouble(out double n) && n != 0;
            case JsonValueKind.String:
                string s = v.GetString()!.Trim();
                if (bool.TryParse(s, out bool b))
                {
                    return b;
                }

                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d != 0 : null;
            default:
                throw WrongShape(name, v, "a boolean or 0/1");
        }
    }

    /// <summary>Reads unix seconds (number or string); 0, <c>""</c> and null mean "none".</summary>
    public static DateTimeOffset? UnixTime(JsonElement obj, string name)
    {
        long? seconds = Int64(obj, name);
        if (seconds is null or <= 0 or > 253_402_300_799)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
    }

    /// <summary>Reads an ISO-8601 timestamp; unparseable text means "none".</summary>
    public static DateTimeOffset? IsoTime(JsonElement obj, string name) =>
        DateTimeOffset.TryParse(String(obj, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    /// <summary>Reads an object; <c>[]</c>, <c>""</c> and null (PHP's empty array) mean "none".</summary>
    public static JsonElement? Object(JsonElement obj, string name)
    {
        JsonElement? value = Property(obj, name);
        if (IsNullish(value))
        {
            return null;
        }

        return value!.Value.ValueKind == JsonValueKind.Object ? value : throw WrongShape(name, value.Value, "an object");
    }

    /// <summary>Reads an array of objects; null, <c>""</c> and an empty object mean "none".</summary>
    public static IEnumerable<JsonElement> Array(JsonElement obj, string name)
    {
        JsonElement? value = Property(obj, name);
        if (IsNullish(value))
        {
            return [];
        }

        return value!.Value.ValueKind == JsonValueKind.Array ? value.Value.EnumerateArray() : throw WrongShape(name, value.Value, "an array");
    }

    /// <summary>Reads a list of scalars; a single scalar becomes a one-element list.</summary>
    public static IReadOnlyList<string> StringList(JsonElement obj, string name)
    {
        JsonElement? value = Property(obj, name);
        if (IsNullish(value))
        {
            return [];
        }

        JsonElement v = value!.Value;
        if (v.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>(v.GetArrayLength());
            int index = 0;
            foreach (JsonElement entry in v.EnumerateArray())
            {
                string? s = StringValue(entry, $"{name}[{index++}]");
                if (s is not null)
                {
                    list.Add(s);
                }
            }

            return list;
        }

        string? single = StringValue(v, name);
        return single is null ? [] : [single];
    }

    public static string? StringValue(JsonElement? value, string name)
    {
        if (IsNullish(value))
        {
            return null;
        }

        JsonElement v = value!.Value;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => throw WrongShape(name, v, "a string or number"),
        };
    }

    public static long? Int64Value(JsonElement? value, string name)
    {
        if (IsNullish(value))
        {
            return null;
        }

        JsonElement v = value!.Value;
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (v.TryGetInt64(out long l))
                {
                    return l;
                }

                return Integral(v.GetDouble());
            case JsonValueKind.String:
                string s = v.GetString()!.Trim();
                if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed))
                {
                    return parsed;
                }

                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? Integral(d) : null;
            case JsonValueKind.True: return 1;
            case JsonValueKind.False: return 0;
            default:
                throw WrongShape(name, v, "a number");
        }
    }

    private static long? Integral(double d) =>
        double.IsFinite(d) && d >= long.MinValue && d <= long.MaxValue ? (long)Math.Truncate(d) : null;

    private static bool IsNullish(JsonElement? value)
    {
        if (value is null)
        {
            return true;
        }

        JsonElement v = value.Value;
        return v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => true,
            JsonValueKind.String => v.GetString()!.Length == 0,
            JsonValueKind.Array => v.GetArrayLength() == 0,
            _ => false,
        };
    }

    private static JsonFieldException WrongShape(string name, JsonElement value, string expected) =>
        new(name, $"'{name}' is {Describe(value.ValueKind)}, expected {expected}");

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
