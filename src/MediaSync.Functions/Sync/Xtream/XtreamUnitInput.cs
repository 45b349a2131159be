using MediaSync.Catalog.Model;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>One category of one kind: the unit of an Xtream sync.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="RunId">The run.</param>
/// <param name="Kind">Live, vod or series.</param>
/// <param name="CategoryId">The provider's category id.</param>
/// <param name="Connections">Concurrent requests this unit may start with (series info calls); the orchestrator keeps the sum within the account's limit.</param>
/// <param name="LoanToken">
/// Set on series units: the key under which <see cref="XtreamConnectionLoans"/> records connections lent to the unit
/// while it runs (the orchestrator counts them as the unit's until it completes).
/// </param>
internal sealed record XtreamUnitInput(string SourceId, string RunId, CatalogKind Kind, string CategoryId, int Connections, string? LoanToken = null);
