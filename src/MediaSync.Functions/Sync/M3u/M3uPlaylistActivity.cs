using MediaSync.Catalog.M3u;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Xtream;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.M3u;

/// <summary>
/// Streams an M3U source's playlist (tens of MB are normal) entry by entry into Items, and its <c>group-title</c>s into
/// Categories. The playlist URL is a secret: it never reaches a log line or an error message.
/// </summary>
internal sealed class M3uPlaylistActivity(
    SourceDirectory sources, IHttpClientFactory httpClients, CatalogStore store, ILogger<M3uPlaylistActivity> logger)
    : TaskActivity<M3uPlaylistInput, UnitOutcome>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "M3uPlaylist";

    /// <summary>The playlist's checkpoint key.</summary>
    public const string UnitKey = "playlist";

    /// <inheritdoc />
    public override async Task<UnitOutcome> RunAsync(TaskActivityContext context, M3uPlaylistInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        ConfiguredSource source = sources.Get(input.SourceId);
        var completed = await store.Checkpoints.GetCompletedUnitsAsync(source.Id, input.RunId, cancellationToken).ConfigureAwait(false);
        if (completed.ContainsKey(UnitKey))
        {
            return new UnitOutcome(UnitKey, 0, 0, 0, 0, 0);
        }

        // The Xtream client's pipeline (retries honouring Retry-After, timeouts) serves plain playlist hosts too.
        HttpClient http = httpClients.CreateClient(XtreamClient.ProviderName);
        using var request = new HttpRequestMessage(HttpMethod.Get, source.Options.PlaylistUrl);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The playlist of source '{source.Id}' answered HTTP {(int)response.StatusCode}.");
        }

        var groups = new HashSet<(string Kind, string Group)>();
        var items = await store.CreateWriterAsync(CatalogTable.Items, input.RunId, cancellationToken).ConfigureAwait(false);
        var categories = await store.CreateWriterAsync(CatalogTable.Categories, input.RunId, cancellationToken).ConfigureAwait(false);
        BatchWriteResult itemCounts, categoryCounts;
        await using (items.ConfigureAwait(false))
        await using (categories.ConfigureAwait(false))
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                IAsyncEnumerator<M3uEntry> entries = M3uParser.ParseAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (entries.ConfigureAwait(false))
                {
                    while (await NextAsync(entries, source).ConfigureAwait(false))
                    {
                        M3uEntry entry = entries.Current;
                        await items.AddAsync(M3uRows.Item(source.Id, entry), cancellationToken).ConfigureAwait(false);
                        if (!string.IsNullOrEmpty(entry.GroupTitle) && groups.Add((M3uRows.Kind(entry), entry.GroupTitle)))
                        {
                            await categories.AddAsync(M3uRows.Category(source.Id, M3uRows.Kind(entry), entry.GroupTitle), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            itemCounts = await items.FlushAsync(cancellationToken).ConfigureAwait(false);
            categoryCounts = await categories.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var outcome = new UnitOutcome(
            UnitKey,
            itemCounts.Written + categoryCounts.Written,
            itemCounts.Skipped + categoryCounts.Skipped,
            itemCounts.Failed + categoryCounts.Failed,
            0,
            0);
        return await UnitCheckpoint.RecordAsync(store, source.Id, input.RunId, outcome, logger, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<M3uEntry> entries, ConfiguredSource source)
    {
        try
        {
            return await entries.MoveNextAsync().ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            // The parser's message quotes at most the (redacted) start of the body, never the URL.
            throw new InvalidDataException($"The playlist of source '{source.Id}' is not usable: {ex.Message}", ex);
        }
    }
}
