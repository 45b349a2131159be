namespace MediaSync.Functions.Checks;

/// <summary>One stream of an account: the xtream source id and the provider's live stream id. Never a URL.</summary>
/// <param name="Account">The xtream source id.</param>
/// <param name="Stream">The provider's live stream id.</param>
internal sealed record StreamRef(string Account, string Stream);
