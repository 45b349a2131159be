using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>Log messages of the TV sync (event ids 600-619).</summary>
internal static partial class TvSyncLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "TV sync of {SourceId}: {Strategy} strategy, {Libraries} libraries, incremental since {Since}")]
    public static partial void Planned(ILogger logger, string sourceId, TvSyncStrategy strategy, int libraries, DateTimeOffset? since);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "TV sync of {SourceId}: library {LibraryId} has no usable bulk episode listing ({Reason}); syncing show by show")]
    public static partial void BulkUnavailable(ILogger logger, string sourceId, string libraryId, string reason);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "TV sync of {SourceId}: library {LibraryId} ignores the change filter; reading everything")]
    public static partial void ChangeFilterIgnored(ILogger logger, string sourceId, string libraryId);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "TV sync of {SourceId}: episode {EpisodeId} names no show; not stored")]
    public static partial void EpisodeWithoutShow(ILogger logger, string sourceId, string episodeId);
}
