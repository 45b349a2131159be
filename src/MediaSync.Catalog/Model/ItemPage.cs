namespace MediaSync.Catalog.Model;

/// <summary>One page of a paged provider listing: its items and, when the provider reported it, the listing's total.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page (bad items are reported and left out).</param>
/// <param name="Total">The total across all pages, or <see langword="null"/> when the provider did not say.</param>
internal sealed record ItemPage<T>(IReadOnlyList<T> Items, long? Total);
