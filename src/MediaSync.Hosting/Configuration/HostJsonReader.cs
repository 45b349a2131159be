using System.Text.Json;

namespace MediaSync.Hosting.Configuration;

/// <summary>
/// Reads host.json into configuration keys under <c>AzureFunctionsJobHost</c>, and its <c>logging.logLevel</c>
/// also under <c>Logging:LogLevel</c> so the standard logging filters apply it.
/// </summary>
internal static class HostJsonReader
{
    public const string FileName = "host.json";

    public static Dictionary<string, string?> Read(string contentRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string path = Path.Combine(contentRoot, FileName);
        if (!File.Exists(path))
        {
            // Like the Functions host, a missing host.json means "all defaults".
            return values;
        }

        using JsonDocument document = JsonFlattener.ParseObjectFile(path);
        JsonElement root = document.RootElement;

        if (!root.TryGetProperty("version", out JsonElement version) ||
            version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw new FunctionsConfigurationException(
                $"{path}: 'version' must be \"2.0\" (the host.json schema of Functions 2.x and later).");
        }

        JsonFlattener.Flatten(root, FunctionsHostSettings.JobHostRoot, values);
        if (root.TryGetProperty("logging", out JsonElement logging) &&
            logging.ValueKind == JsonValueKind.Object &&
            logging.TryGetProperty("logLevel", out JsonElement logLevel))
        {
            JsonFlattener.Flatten(logLevel, "Logging:LogLevel", values);
        }

        return values;
    }
}
