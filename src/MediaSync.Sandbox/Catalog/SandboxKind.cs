namespace MediaSync.Sandbox;

/// <summary>The Xtream content kinds.</summary>
public enum SandboxKind
{
    /// <summary>Live channels.</summary>
    Live,

    /// <summary>Movies (VOD).</summary>
    Vod,

    /// <summary>Series with episodes.</summary>
    Series,
}
