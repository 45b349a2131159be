using System.Runtime.CompilerServices;
using MediaSync.Catalog.Json;

namespace MediaSync.Catalog.Providers;

/// <summary>One page as a provider returned it: its items, the total when reported, and whether more follow when the provider says so.</summary>
internal readonly record struct PageShape(IEnumerable<JsonElement> Items, long? Total, bool? HasMore);

/// <summary>
/// Walks offset- or page-number-paged listings (Jellyfin <c>StartIndex</c>, Plex container start,
/// Django REST <c>page</c>) one page at a time, so memory is bounded by the page size. Items that
/// reappear at a page boundary because the listing shifted while we read it are yielded once.
/// </summary>
internal static class PagedReader
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        ProviderTransport transport,
        string action,
        int pageSize,
        Func<int, int, Uri> pageUrl,
        Func<Uri, CancellationToken, Task<JsonDocument>> fetch,
        Func<JsonElement, PageShape> shape,
        string itemsPath,
        Func<JsonElement, T> map,
        Func<T, string> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previousPage = new HashSet<string>(StringComparer.Ordinal);
        var currentPage = new HashSet<string>(StringComparer.Ordinal);
        int offset = 0;
        long? firstPageTotal = null;
        for (int page = 1; ; page++)
        {
            Uri url = pageUrl(page, offset);
            ProviderCall call = transport.CallFor(action, url);
            List<T> items;
            PageShape pageShape;
            int count;
            using (JsonDocument document = await fetch(url, cancellationToken).ConfigureAwait(false))
            {
                pageShape = ProviderTransport.Map(document, call, root => shape(Flex.EnsureObject(root)));
                items = transport.MapItems(pageShape.Items, call, itemsPath, map).ToList();
                count = pageShape.Items.Count();
                offset += count;
            }

            currentPage.Clear();
            foreach (T item in items)
            {
                string id = idOf(item);
                if (currentPage.Add(id) && !previousPage.Contains(id))
                {
                    yield return item;
                }
            }

            (previousPage, currentPage) = (currentPage, previousPage);

            // Only the first page's total is trusted: Jellyfin skips the count on later pages
            // (enableTotalRecordCount=false) and then reports 0 or the page's own size.
            if (page == 1)
            {
                firstPageTotal = pageShape.Total;
            }

            bool exhausted = count == 0
                || pageShape.HasMore == false
                || (pageShape.HasMore is null && (firstPageTotal is { } total ? offset >= total : count < pageSize));
            if (exhausted)
            {
                yield break;
            }
        }
    }
}
