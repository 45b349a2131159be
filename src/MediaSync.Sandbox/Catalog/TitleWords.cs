namespace MediaSync.Sandbox.Catalog;

/// <summary>Builds readable, deterministic titles; the trailing number keeps every title unique.</summary>
internal static class TitleWords
{
    private static readonly string[] Adjectives =
    [
        "Silent", "Crimson", "Lost", "Golden", "Hidden", "Broken", "Last", "Wild", "Frozen", "Electric",
        "Midnight", "Distant", "Burning", "Quiet", "Hollow", "Savage", "Northern", "Velvet", "Iron", "Paper",
    ];

    private static readonly string[] Nouns =
    [
        "River", "Empire", "Signal", "Harbor", "Garden", "Protocol", "Frontier", "Mirror", "Station", "Legacy",
        "Orchard", "Voyage", "Kingdom", "Circuit", "Lantern", "Canyon", "Archive", "Horizon", "Tide", "Citadel",
    ];

    private static readonly string[] Channels =
    [
        "News", "Sports", "Movies", "Kids", "Music", "Docs", "Comedy", "Drama", "Weather", "Travel",
    ];

    private static readonly string[] Countries = ["US", "UK", "DE", "FR", "ES", "IT", "NL", "PL", "TR", "CA"];

    public static string Title(ulong hash, long number) =>
        $"{Adjectives[StableHash.Below(hash, Adjectives.Length)]} {Nouns[StableHash.Below(hash >> 16, Nouns.Length)]} {number}";

    /// <summary>Some channel names carry a comma, as real ones do ("…, HD"): M3U parsers must split on the first comma outside quotes.</summary>
    public static string Channel(ulong hash, long number) =>
        $"{Countries[StableHash.Below(hash, Countries.Length)]}: {Channels[StableHash.Below(hash >> 16, Channels.Length)]} {number}{((hash >> 32) % 8 == 0 ? ", HD" : string.Empty)}";

    public static string Category(string kind, int id, long seed) =>
        $"{kind} | {Channels[StableHash.Below(StableHash.Of(seed, 7, id), Channels.Length)]} {id}";
}
