namespace MediaSync.Functions.Checks;

/// <summary>The input of <see cref="ListCheckStreamsActivity"/>.</summary>
/// <param name="AccountId">The xtream source id.</param>
/// <param name="Channel">Only this channel (stream id, EPG id or exact name); null = every live channel.</param>
/// <param name="Continuation">The token of the previous page; null for the first.</param>
/// <param name="PageSize">Stream ids per page.</param>
/// <param name="CountUpTo">On the first page, also count the streams, up to this many.</param>
internal sealed record ListCheckStreamsInput(string AccountId, string? Channel, string? Continuation, int PageSize, int CountUpTo);
