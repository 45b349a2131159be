using MediaSync.Durable;

namespace MediaSync.Functions.Checks;

/// <summary>Lists one page of an account's live streams to check from the catalog (or the matches of one channel, all in one page).</summary>
internal sealed class ListCheckStreamsActivity(LiveChannelIndex channels) : TaskActivity<ListCheckStreamsInput, CheckStreamPage>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "ListCheckStreams";

    /// <inheritdoc />
    public override async Task<CheckStreamPage> RunAsync(TaskActivityContext context, ListCheckStreamsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        if (input.Channel is not null)
        {
            IReadOnlyList<string> matches = await channels.FindChannelAsync(input.AccountId, input.Channel, input.CountUpTo, cancellationToken).ConfigureAwait(false);
            return new CheckStreamPage(matches, null, matches.Count);
        }

        int? total = input.Continuation is null ? await channels.CountAsync(input.AccountId, input.CountUpTo, cancellationToken).ConfigureAwait(false) : null;
        (IReadOnlyList<string> ids, string? next) = await channels.ListAsync(input.AccountId, input.Continuation, input.PageSize, cancellationToken).ConfigureAwait(false);
        return new CheckStreamPage(ids, next, total);
    }
}
