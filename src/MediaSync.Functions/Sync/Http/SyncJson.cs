using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaSync.Functions.Sync.Http;

/// <summary>The JSON shape of the sync and catalog endpoints: web defaults (camelCase) with enums as strings.</summary>
internal static class SyncJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A stored JSON text (custom status, output) as an element to embed, or null.</summary>
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
