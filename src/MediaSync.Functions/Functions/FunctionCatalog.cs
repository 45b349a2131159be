using MediaSync.Durable;
using MediaSync.Functions.Checks;
using MediaSync.Functions.Dashboard;
using MediaSync.Functions.Demo;
using MediaSync.Functions.Relay;
using MediaSync.Functions.Slots;
using MediaSync.Functions.Sync;
using MediaSync.Functions.Sync.Http;
using MediaSync.Functions.Sync.M3u;
using MediaSync.Functions.Sync.Tmdb;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Functions.Sync.Xtream;
using MediaSync.Hosting;

namespace MediaSync.Functions.Functions;

/// <summary>
/// Every function of the app, in one place: HTTP and timer triggers (served under <c>/api</c>) and the
/// orchestrators and activities of the durable runtime. Read this file to know what the app exposes.
/// </summary>
internal static class FunctionCatalog
{
    /// <summary>HTTP- and timer-triggered functions.</summary>
    public static void DeclareHttpAndTimers(FunctionsBuilder functions) => functions
        // Demo: shows the progress bar machinery end to end (dashboard, custom status, management API).
        .AddHttp(StartDemoProgress.FunctionName, AuthLevel.Function, "POST", "demo/progress", StartDemoProgress.RunAsync)
        // Dashboard data: names, ids, statuses, times and progress only (anonymous, read-only).
        .AddHttp(DashboardSummaryEndpoint.FunctionName, AuthLevel.Anonymous, "GET", "dashboard/summary", DashboardSummaryEndpoint.RunAsync)
        // Stream checks under the accounts' connection limits (Checks/), and the stream health they record.
        .AddHttp(StartStreamCheck.FunctionName, AuthLevel.Function, "POST", "checks", StartStreamCheck.RunAsync)
        .AddHttp(GetStreamCheck.FunctionName, AuthLevel.Function, "GET", "checks/{id}", GetStreamCheck.RunAsync)
        .AddHttp(StreamHealthEndpoints.ListFunctionName, AuthLevel.Function, "GET", "health/streams/{accountId}", StreamHealthEndpoints.ListAsync)
        .AddHttp(StreamHealthEndpoints.GetFunctionName, AuthLevel.Function, "GET", "health/streams/{accountId}/{streamId}", StreamHealthEndpoints.GetAsync)
        // The multi-viewer relay of the relay source's live channels (Relay/).
        .AddHttp(StreamRelayFunction.FunctionName, AuthLevel.Function, "GET", "streams/{id}/live", StreamRelayFunction.RunAsync)
        // Stream slots of one account: limit, held leases with kinds and expiries, waiters.
        .AddHttp(AccountSlotsEndpoint.FunctionName, AuthLevel.Function, "GET", "accounts/{id}/slots", AccountSlotsEndpoint.RunAsync)
        // Catalog sync: start (202 / 409 / 404), status with progress and last runs, cancel; paged catalog browsing.
        .AddHttp(SyncEndpoints.StartFunctionName, AuthLevel.Function, "POST", "sync/{sourceId}", SyncEndpoints.StartAsync)
        .AddHttp(SyncEndpoints.StatusFunctionName, AuthLevel.Function, "GET", "sync/{sourceId}", SyncEndpoints.StatusAsync)
        .AddHttp(SyncEndpoints.CancelFunctionName, AuthLevel.Function, "POST", "sync/{sourceId}/cancel", SyncEndpoints.CancelAsync)
        .AddHttp(CatalogEndpoints.ItemsFunctionName, AuthLevel.Function, "GET", "catalog/{sourceId}/{kind}", CatalogEndpoints.ItemsAsync)
        .AddHttp(CatalogEndpoints.EpisodesFunctionName, AuthLevel.Function, "GET", "catalog/{sourceId}/series/{seriesId}/episodes", CatalogEndpoints.EpisodesAsync)
        // Every source's Schedule (Sources:{id}:Schedule), checked once a minute.
        .AddTimer(SyncScheduleTimer.FunctionName, SyncScheduleTimer.Schedule, SyncScheduleTimer.RunAsync);

    /// <summary>Orchestrators and activities.</summary>
    public static void DeclareDurableTasks(DurableTaskRegistry tasks) => tasks
        .AddOrchestrator<DemoProgressOrchestrator>(DemoProgressOrchestrator.Name)
        .AddActivity<DemoStepActivity>(DemoStepActivity.Name)
        // Jellyfin/Plex TV sync (a sub-orchestration of the catalog sync).
        .AddOrchestrator<TvSyncOrchestrator>(TvSyncOrchestrator.Name)
        .AddActivity<TvSyncPlanActivity>(TvSyncPlanActivity.Name)
        .AddActivity<TvSyncPageActivity>(TvSyncPageActivity.Name)
        .AddActivity<TvSyncShowActivity>(TvSyncShowActivity.Name)
        // TMDb watch-provider enrichment of the titles a run wrote (a sub-orchestration of the catalog sync).
        .AddOrchestrator<TmdbEnrichmentOrchestrator>(TmdbEnrichmentOrchestrator.Name)
        .AddActivity<TmdbEnrichmentPlanActivity>(TmdbEnrichmentPlanActivity.Name)
        .AddActivity<TmdbEnrichPageActivity>(TmdbEnrichPageActivity.Name)
        // Stream slots: per-account connection limits and the global check cap (Slots/).
        .AddEntity<AccountSlots>(AccountSlots.EntityName)
        .AddEntity<GlobalSlots>(GlobalSlots.EntityName)
        // Stream checks (Checks/).
        .AddOrchestrator<StreamCheckOrchestrator>(StreamCheckOrchestrator.Name)
        .AddOrchestrator<AccountCheckOrchestrator>(AccountCheckOrchestrator.Name)
        .AddActivity<GetAccountLimitActivity>(GetAccountLimitActivity.Name)
        .AddActivity<ListCheckStreamsActivity>(ListCheckStreamsActivity.Name)
        .AddActivity<ProbeStreamActivity>(ProbeStreamActivity.Name)
        .AddOrchestrator<AcquireViewerSlotOrchestrator>(AcquireViewerSlotOrchestrator.Name)
        // Catalog sync (its TvSync and TmdbEnrichment children are declared above).
        .AddOrchestrator<CatalogSyncOrchestrator>(CatalogSyncOrchestrator.Name)
        .AddActivity<BeginSyncRunActivity>(BeginSyncRunActivity.Name)
        .AddActivity<FinishSyncRunActivity>(FinishSyncRunActivity.Name)
        .AddActivity<SweepCatalogActivity>(SweepCatalogActivity.Name)
        .AddActivity<XtreamAccountActivity>(XtreamAccountActivity.Name)
        .AddActivity<XtreamCategoriesActivity>(XtreamCategoriesActivity.Name)
        .AddActivity<XtreamCategoryActivity>(XtreamCategoryActivity.Name)
        .AddEntity<XtreamConnectionLoans>(XtreamConnectionLoans.EntityName)
        .AddActivity<M3uPlaylistActivity>(M3uPlaylistActivity.Name);
}
