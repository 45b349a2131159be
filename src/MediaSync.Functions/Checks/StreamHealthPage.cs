namespace MediaSync.Functions.Checks;

/// <summary>One page of an account's stream health rows.</summary>
/// <param name="Items">The rows, in stream id order.</param>
/// <param name="ContinuationToken">The opaque token of the next page; null at the end.</param>
internal sealed record StreamHealthPage(IReadOnlyList<StreamHealthEntry> Items, string? ContinuationToken);
