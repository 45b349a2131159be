using MediaSync.Durable;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// Reads, while a series unit has series left to start, the connections its sync lent it (<see cref="XtreamConnectionLoans"/>),
/// and reports each increase. A loan only speeds the unit up, so a read that fails is logged and tried again next time.
/// </summary>
internal sealed class XtreamLoanReader(DurableTaskClient client, TimeProvider time, ILogger<XtreamLoanReader> logger)
{
    /// <summary>How often the book is read: a loan comes when the sync has nothing left to start, so it is about the last units' tail.</summary>
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(1);

    /// <summary>Reads the unit's loan every <see cref="ReadInterval"/> while <paramref name="worthReading"/> holds; calls <paramref name="grow"/> with each increase.</summary>
    /// <param name="sourceId">The source.</param>
    /// <param name="token">The unit's loan token.</param>
    /// <param name="worthReading">False once a loan could no longer be used (no series left to start).</param>
    /// <param name="grow">Takes up more connections.</param>
    /// <param name="cancellationToken">Ends the reading.</param>
    public async Task WatchAsync(string sourceId, string token, Func<bool> worthReading, Action<int> grow, CancellationToken cancellationToken)
    {
        int taken = 0;
        while (worthReading())
        {
            await Task.Delay(ReadInterval, time, cancellationToken).ConfigureAwait(false);
            int lent;
            try
            {
                var book = await client.Entities.GetEntityAsync<XtreamConnectionLoans.Book>(XtreamConnectionLoans.For(sourceId), cancellationToken).ConfigureAwait(false);
                lent = XtreamConnectionLoans.ExtraFor(book?.State, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.LoanReadFailed(logger, sourceId, ex.GetType().Name, ex.Message);
                continue;
            }

            if (lent > taken)
            {
                grow(lent - taken);
                taken = lent;
            }
        }
    }
}
