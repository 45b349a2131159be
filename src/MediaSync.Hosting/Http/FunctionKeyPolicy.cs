namespace MediaSync.Hosting.Http;

/// <summary>Whether key checks run: always, unless <c>Host:DisableKeyChecks</c> is "true" in the Development environment.</summary>
internal sealed record FunctionKeyPolicy(bool ChecksDisabled);
