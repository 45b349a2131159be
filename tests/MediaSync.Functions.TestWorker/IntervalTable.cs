using Azure.Data.Tables;

namespace MediaSync.Functions.TestWorker;

/// <summary>Where the work activities of every process record the interval they held a slot (one row per round).</summary>
internal sealed class IntervalTable(TableClient table)
{
    public TableClient Table => table;

    public Task RecordAsync(string tag, string account, DateTimeOffset start, DateTimeOffset end) =>
        table.UpsertEntityAsync(new TableEntity("i", tag) { ["Account"] = account, ["Start"] = start, ["End"] = end, ["Pid"] = Environment.ProcessId });

    public async Task<List<(string Tag, string Account, DateTimeOffset Start, DateTimeOffset End, int Pid)>> ReadAllAsync()
    {
        var rows = new List<(string, string, DateTimeOffset, DateTimeOffset, int)>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "i"))
        {
            rows.Add((row.RowKey, row.GetString("Account"), row.GetDateTimeOffset("Start")!.Value, row.GetDateTimeOffset("End")!.Value, row.GetInt32("Pid")!.Value));
        }

        return rows;
    }
}
