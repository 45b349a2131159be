namespace MediaSync.Sandbox;

/// <summary>An Xtream category; ids are unique per kind only.</summary>
public sealed record SandboxCategory(SandboxKind Kind, int Id, string Name);
