namespace MediaSync.Streams;

/// <summary>Where a stream comes from.</summary>
/// <param name="Url">The upstream URL; it may carry credentials, so it is only ever logged redacted.</param>
/// <param name="AccountId">The provider account whose connection limit the upstream counts against.</param>
internal sealed record StreamSource(Uri Url, string AccountId);
