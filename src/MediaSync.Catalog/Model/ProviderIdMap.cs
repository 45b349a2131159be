namespace MediaSync.Catalog.Model;

/// <summary>Helpers for the external-id maps carried by shows and episodes.</summary>
internal static class ProviderIdMap
{
    public static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
