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

    /// <summary>Parses a settings file; a syntax error becomes a <see cref="FunctionsConfigurationException"/> naming the file and position.</summary>
    public static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new FunctionsConfigurationException(
                $"{path} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }
    }

    /// <summary>Parses a settings file whose root must be a JSON object; the caller disposes the document.</summary>
    public static JsonDocument ParseObjectFile(string path)
    {
        JsonDocument document = ParseFile(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FunctionsConfigurationException($"{path}: the root must be a JSON object.");
        }

        return document;
    }

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
