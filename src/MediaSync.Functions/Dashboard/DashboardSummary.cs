namespace MediaSync.Functions.Dashboard;

/// <summary>
/// What the dashboard shows. Deliberately narrow: names, ids, statuses, times and progress numbers — never inputs,
/// outputs, failure messages or any other custom status field (they may carry URLs with credentials).
/// </summary>
/// <param name="GeneratedAt">When the summary was read.</param>
/// <param name="Orchestrations">Running ones first, then the most recently updated.</param>
/// <param name="Slots">Connection-slot usage per account; null until slot entities exist.</param>
internal sealed record DashboardSummary(DateTimeOffset GeneratedAt, IReadOnlyList<OrchestrationSummary> Orchestrations, IReadOnlyList<SlotUsage>? Slots);

/// <summary>One orchestration row.</summary>
internal sealed record OrchestrationSummary(
    string Name, string InstanceId, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, ProgressView? Progress);

/// <summary>The numeric part of a progress custom status.</summary>
internal sealed record ProgressView(string? Phase, int Done, int Total, double? PerSecond, double? EtaSeconds, double? Items = null);

/// <summary>Slots in use of an account's limit (0 = unlimited) and how many checks wait for one.</summary>
internal sealed record SlotUsage(string Account, int InUse, int Limit, int Waiting);
