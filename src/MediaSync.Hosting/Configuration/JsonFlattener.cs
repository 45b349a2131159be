using System.Globalization;
using System.Text.Json;

namespace MediaSync.Hosting.Configuration;

/// <summary>Turns a JSON element into configuration keys (<c>a:b:0</c>) the way the JSON configuration provider does.</summary>
internal static class JsonFlattener
{
    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // host.json is hand-edited; the Functions host accepts comments and trailing commas too.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static void Flatten(JsonElement element, string prefix, IDictionary<string, string?> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, Combine(prefix, property.Name), into);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, Combine(prefix, index.ToString(CultureInfo.InvariantCulture)), into);
                    index++;
                }

                break;
            case JsonValueKind.String:
                into[prefix] = element.GetString();
                break;
            case JsonValueKind.Null:
                into[prefix] = null;
                break;
            default:
                // Numbers and booleans keep their JSON text ("4", "true"), which the binder parses.
                into[prefix] = element.GetRawText();
                break;
        }
    }

    private static string Combine(string prefix, string name) => prefix.Length == 0 ? name : prefix + ":" + name;
}
