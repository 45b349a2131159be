namespace MediaSync.Catalog.Json;

/// <summary>A field held a value that cannot be coerced to what the catalog needs; <see cref="Field"/> is its JSON name.</summary>
internal sealed class JsonFieldException(string field, string detail) : Exception(detail)
{
    public string Field { get; } = field;
}
