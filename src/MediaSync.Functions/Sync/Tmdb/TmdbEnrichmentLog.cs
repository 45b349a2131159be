using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Log messages of the TMDb enrichment (event ids 620-639).</summary>
internal static partial class TmdbEnrichmentLog
{
    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "TMDb enrichment of {SourceId}: {Title} failed and is skipped: {Reason}")]
    public static partial void TitleFailed(ILogger logger, string sourceId, string title, string reason);
}
