using System.Globalization;

namespace MediaSync.Sandbox.Hosting;

/// <summary>Turns <c>--name value</c> pairs into <see cref="SandboxOptions"/>; an unknown or malformed option names itself in the error.</summary>
internal static class SandboxCommandLine
{
    public const string Usage =
        "Options: --port N --seed N --live N --vod N --series N --live-categories N --vod-categories N --series-categories N " +
        "--seasons N --episodes N --shows N --show-seasons N --show-episodes N --tmdb N --max-connections N " +
        "--latency-ms N --latency-max-ms N --error-rate 0..1 --bandwidth BYTES_PER_S --bitrate BITS_PER_S";

    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions();
        var catalog = options.Catalog;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new FormatException($"Option {name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port": options.Port = Int(name, value); break;
                case "--seed": catalog.Seed = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--live": catalog.LiveChannels = Int(name, value); break;
                case "--vod": catalog.Movies = Int(name, value); break;
                case "--series": catalog.Series = Int(name, value); break;
                case "--live-categories": catalog.LiveCategories = Int(name, value); break;
                case "--vod-categories": catalog.VodCategories = Int(name, value); break;
                case "--series-categories": catalog.SeriesCategories = Int(name, value); break;
                case "--seasons": catalog.SeasonsPerSeries = Int(name, value); break;
                case "--episodes": catalog.EpisodesPerSeason = Int(name, value); break;
                case "--shows": catalog.TvShows = Int(name, value); break;
                case "--show-seasons": catalog.TvSeasonsPerShow = Int(name, value); break;
                case "--show-episodes": catalog.TvEpisodesPerSeason = Int(name, value); break;
                case "--tmdb": catalog.TmdbTitles = Int(name, value); break;
                case "--max-connections": catalog.Accounts[0].MaxConnections = Int(name, value); break;
                case "--latency-ms": options.MinLatency = TimeSpan.FromMilliseconds(Int(name, value)); break;
                case "--latency-max-ms": options.MaxLatency = TimeSpan.FromMilliseconds(Int(name, value)); break;
                case "--error-rate": options.ErrorRate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--bandwidth": options.BandwidthBytesPerSecond = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--bitrate": options.StreamBitsPerSecond = long.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new FormatException($"Unknown option {name}.");
            }
        }

        if (options.MaxLatency < options.MinLatency)
        {
            options.MaxLatency = options.MinLatency;
        }

        return options;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"Option {name} expects a whole number, got '{value}'.");
}
