namespace MediaSync.Functions.Checks;

/// <summary>
/// What to check (the body of <c>POST /api/checks</c> and the orchestration's input): every live channel of
/// <see cref="Account"/>; the live channel <see cref="Channel"/> (stream id, EPG id or exact name) on
/// <see cref="Account"/> or on every xtream account; or the explicit <see cref="Streams"/>. Ids only.
/// </summary>
/// <param name="Account">An xtream source id.</param>
/// <param name="Channel">A live channel's stream id, EPG id or exact name.</param>
/// <param name="Streams">Explicit streams; they may span accounts.</param>
internal sealed record StreamCheckInput(string? Account = null, string? Channel = null, IReadOnlyList<StreamRef>? Streams = null);
