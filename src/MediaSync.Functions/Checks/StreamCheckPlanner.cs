using MediaSync.Functions.Sources;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>Validates a check request and resolves it to one part per account (ids only), naming what is wrong and where.</summary>
internal sealed class StreamCheckPlanner(XtreamLiveStreams streams, IOptions<StreamCheckOptions> options)
{
    private const int MaxChannelLength = 200;

    /// <summary>The plan, or the problem with the request.</summary>
    public (StreamCheckPlan? Plan, string? Problem) Plan(string checkId, StreamCheckInput? request)
    {
        if (request is null)
        {
            return (null, "The body must be a JSON object with 'account', 'channel' or 'streams'.");
        }

        StreamCheckOptions o = options.Value;
        CheckSettings settings = CheckSettings.From(o);
        bool hasStreams = request.Streams is { Count: > 0 };
        if (hasStreams && (request.Account is not null || request.Channel is not null))
        {
            return (null, "Give either 'streams' or 'account'/'channel', not both.");
        }

        if (request.Account is { } account && !streams.IsAccount(account))
        {
            return (null, $"'account': '{account}' is not an enabled xtream source (Sources:{{id}}).");
        }

        if (hasStreams)
        {
            return PlanStreams(checkId, request.Streams!, settings, o.MaxExplicitStreams);
        }

        if (request.Channel is { } channel)
        {
            if (channel.Length is 0 or > MaxChannelLength)
            {
                return (null, $"'channel' must be 1-{MaxChannelLength} characters.");
            }

            IReadOnlyList<string> accounts = request.Account is { } one ? [one] : streams.AllAccounts;
            return accounts.Count == 0
                ? (null, "'channel': no xtream source is configured.")
                : (new StreamCheckPlan([.. accounts.Select(a => new AccountCheckInput(checkId, a.ToLowerInvariant(), settings, Channel: channel))], settings), null);
        }

        return request.Account is { } only
            ? (new StreamCheckPlan([new AccountCheckInput(checkId, only.ToLowerInvariant(), settings)], settings), null)
            : (null, "Give 'account', 'channel' or a non-empty 'streams' list.");
    }

    private (StreamCheckPlan? Plan, string? Problem) PlanStreams(string checkId, IReadOnlyList<StreamRef> list, CheckSettings settings, int max)
    {
        if (list.Count > max)
        {
            return (null, $"'streams' lists {list.Count} streams; at most {max} are allowed (Checks:MaxExplicitStreams).");
        }

        var byAccount = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        var seen = new HashSet<(string, string)>();
        for (int i = 0; i < list.Count; i++)
        {
            StreamRef item = list[i];
            if (item is null || string.IsNullOrEmpty(item.Account) || !streams.IsAccount(item.Account))
            {
                return (null, $"'streams[{i}].account': '{item?.Account}' is not an enabled xtream source.");
            }

            if (XtreamLiveStreams.StreamIdProblem(item.Stream) is { } problem)
            {
                return (null, $"'streams[{i}].stream': {problem}");
            }

            string account = item.Account.ToLowerInvariant();
            if (!seen.Add((account, item.Stream)))
            {
                continue;
            }

            if (!byAccount.TryGetValue(account, out List<string>? ids))
            {
                byAccount[account] = ids = [];
                order.Add(account);
            }

            ids.Add(item.Stream);
        }

        // Each account's lanes: its share of the global cap by its share of the streams (at least one).
        int all = order.Sum(a => byAccount[a].Count);
        return (new StreamCheckPlan([.. order.Select(a => new AccountCheckInput(
            checkId, a, settings, StreamIds: byAccount[a], MaxLanes: Math.Max(1, (int)Math.Ceiling((double)settings.GlobalLimit * byAccount[a].Count / all))))], settings), null);
    }
}
