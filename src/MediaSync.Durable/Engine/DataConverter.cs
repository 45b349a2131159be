using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaSync.Durable.Engine;

/// <summary>Serializes payloads (inputs, outputs, events, custom status) with System.Text.Json.</summary>
internal static class DataConverter
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type)
    {
        if (json is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        if (type == typeof(object))
        {
            return JsonSerializer.Deserialize<JsonElement>(json, Options);
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));
}
