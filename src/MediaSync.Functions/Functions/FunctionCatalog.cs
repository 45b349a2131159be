using MediaSync.Durable;
using MediaSync.Functions.Dashboard;
using MediaSync.Functions.Demo;
using MediaSync.Functions.Sync;
using MediaSync.Functions.Sync.Http;
using MediaSync.Functions.Sync.M3u;
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
        // Catalog sync: start (202 / 409 / 404), status with progress and last runs, cancel; paged catalog browsing.
        .AddHttp(SyncEndpoints.StartFunctionName, AuthLevel.Function, "POST", "sync/{sourceId}", SyncEndpoints.StartAsync)
        .AddHttp(SyncEndpoints.StatusFunctionName, AuthLevel.Function, "GET", "sync/{sourceId}", SyncEndpoints.StatusAsync)
        .AddHttp(SyncEndpoints.CancelFunctionName, AuthLevel.Function, "POST", "sync/{sourceId}/cancel", SyncEndpoints.CancelAsync)
        .AddHttp(CatalogEndpoints.ItemsFunctionName, AuthLevel.Function, "GET", "catalog/{sourceId}/{kind}", CatalogEndpoints.ItemsAsync)
        .AddHttp(CatalogEndpoints.EpisodesFunctionName, AuthLevel.Function, "GET", "catalog/{sourceId}/series/{seriesId}/episodes", CatalogEndpoints.EpisodesAsync)
        // Every source's Schedule (Sources:{id}:Schedule), checked once a minute.
        .AddTimer(SyncScheduleTimer.FunctionName, SyncScheduleTimer.Schedule, SyncScheduleTimer.RunAsync);
        // Stream checks and the relay are declared here by their own issues.

    /// <summary>Orchestrators and activities.</summary>
    public static void DeclareDurableTasks(DurableTaskRegistry tasks) => tasks
        .AddOrchestrator<DemoProgressOrchestrator>(DemoProgressOrchestrator.Name)
        .AddActivity<DemoStepActivity>(DemoStepActivity.Name)
        // Catalog sync (TvSync and TmdbEnrichment children are declared with their own code).
        .AddOrchestrator<CatalogSyncOrchestrator>(CatalogSyncOrchestrator.Name)
        .AddActivity<BeginSyncRunActivity>(BeginSyncRunActivity.Name)
        .AddActivity<FinishSyncRunActivity>(FinishSyncRunActivity.Name)
        .AddActivity<SweepCatalogActivity>(SweepCatalogActivity.Name)
        .AddActivity<XtreamAccountActivity>(XtreamAccountActivity.Name)
        .AddActivity<XtreamCategoriesActivity>(XtreamCategoriesActivity.Name)
        .AddActivity<XtreamCategoryActivity>(XtreamCategoryActivity.Name)
        .AddActivity<M3uPlaylistActivity>(M3uPlaylistActivity.Name);
}
