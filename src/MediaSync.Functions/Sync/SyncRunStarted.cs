using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sources;

namespace MediaSync.Functions.Sync;

/// <summary>The run a sync works on, and what the orchestrator must know about the source (nothing secret).</summary>
/// <param name="RunId">The SyncRuns run id (a resumed run keeps its id, so its row marks stay valid for the sweep).</param>
/// <param name="ResumeRunId">The run being resumed (the same id), or <see langword="null"/> for a new run.</param>
/// <param name="Mode">The run's mode (a resumed run keeps the mode it was started with).</param>
/// <param name="Kind">The source kind, which decides the strategy.</param>
/// <param name="XtreamKindConcurrency">How many of live, vod and series run at once (from <c>Sync:XtreamKindConcurrency</c>).</param>
/// <param name="TmdbConfigured">Whether TMDb enrichment follows a successful sync.</param>
internal sealed record SyncRunStarted(string RunId, string? ResumeRunId, SyncMode Mode, SourceKind Kind, int XtreamKindConcurrency, bool TmdbConfigured);
