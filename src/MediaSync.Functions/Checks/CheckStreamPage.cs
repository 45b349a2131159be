namespace MediaSync.Functions.Checks;

/// <summary>One page of stream ids to check (ids only: what goes through orchestration history).</summary>
/// <param name="StreamIds">The ids.</param>
/// <param name="Continuation">The token of the next page; null at the end.</param>
/// <param name="Total">The number of streams (capped), counted on the first page only.</param>
internal sealed record CheckStreamPage(IReadOnlyList<string> StreamIds, string? Continuation, int? Total);
