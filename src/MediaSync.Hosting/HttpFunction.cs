namespace MediaSync.Hosting;

/// <summary>An HTTP-triggered function as declared: name, level, methods, route under the prefix, handler.</summary>
internal sealed record HttpFunction(string Name, AuthLevel AuthLevel, IReadOnlyList<string> Methods, string Route, Delegate Handler);
