using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Json;

/// <summary>Maps one list element, turning a bad field into a report that names the element's path and position.</summary>
internal static class ItemMapping
{
    public static bool TryMap<T>(
        JsonElement element,
        Func<JsonElement, T> map,
        ProviderCall call,
        string elementPath,
        long? bytePosition,
        Action<ProviderResponseException> onInvalidItem,
        out T item)
    {
        try
        {
            item = map(element);
            return true;
        }
        catch (JsonFieldException ex)
        {
            string path = ex.Field.Length == 0 ? elementPath : elementPath + "." + ex.Field;
            onInvalidItem(call.Error(ex.Message, path, bytePosition, inner: ex));
            item = default!;
            return false;
        }
    }
}
