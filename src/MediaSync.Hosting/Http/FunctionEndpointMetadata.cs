namespace MediaSync.Hosting.Http;

/// <summary>Endpoint metadata naming the function and its authorization level, read by <see cref="FunctionKeyMiddleware"/>.</summary>
internal sealed record FunctionEndpointMetadata(string FunctionName, AuthLevel AuthLevel);
