using System.Text.Json;

namespace MediaSync.Hosting.Configuration;

/// <summary>
/// Reads local.settings.json <c>Values</c> (a flat map of strings; <c>__</c> separates sections) into configuration keys.
/// </summary>
internal static class LocalSettingsReader
{
    public const string FileName = "local.settings.json";

    public static Dictionary<string, string?> Read(string contentRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string path = Path.Combine(contentRoot, FileName);
        if (!File.Exists(path))
        {
            return values;
        }

        using JsonDocument document = JsonFlattener.ParseObjectFile(path);
        JsonElement root = document.RootElement;

        if (root.TryGetProperty("IsEncrypted", out JsonElement encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new FunctionsConfigurationException($"{path}: 'IsEncrypted' is true; this host reads plain-text settings only.");
        }

        if (!root.TryGetProperty("Values", out JsonElement settings))
        {
            return values;
        }

        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw new FunctionsConfigurationException($"{path}: 'Values' must be an object of string settings.");
        }

        foreach (JsonProperty setting in settings.EnumerateObject())
        {
            if (setting.Value.ValueKind != JsonValueKind.String)
            {
                // Functions rejects non-strings too; quoting makes the intended text explicit.
                throw new FunctionsConfigurationException(
                    $"{path}: 'Values:{setting.Name}' must be a string (quote numbers and booleans).");
            }

            values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.GetString();
        }

        return values;
    }
}
