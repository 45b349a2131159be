namespace MediaSync.Catalog.Model;

/// <summary>A provider category. <paramref name="Id"/> is unique within its <paramref name="Kind"/> only.</summary>
internal sealed record CatalogCategory(CatalogKind Kind, string Id, string Name, string? ParentId);
