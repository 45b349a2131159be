using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Sandbox.Endpoints.Jellyfin;

/// <summary>The <c>/Items</c> parameters the sandbox honours; a malformed one fails with a 400 that names it.</summary>
internal sealed class JellyfinQuery
{
    public string? ParentId { get; private init; }

    public bool Recursive { get; private init; }

    public HashSet<string> Types { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Fields { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string>? Ids { get; private init; }

    public int StartIndex { get; private init; }

    public int? Limit { get; private init; }

    public DateTimeOffset? MinDateLastSaved { get; private init; }

    public bool EnableTotalRecordCount { get; private init; } = true;

    /// <summary>Gets whether the first sort key is <c>DateCreated</c> (the bulk plan's stable order); other sorts keep library order.</summary>
    public bool SortByDateCreated { get; private init; }

    public bool SortDescending { get; private init; }

    public bool EnableImages { get; private init; } = true;

    public bool EnableUserData { get; private init; } = true;

    public string? UserId { get; private init; }

    public static JellyfinQuery Parse(IQueryCollection query, string? userIdFromRoute, out string? error)
    {
        error = null;
        var startIndex = 0;
        int? limit = null;
        DateTimeOffset? minSaved = null;
        if (query.TryGetValue("startIndex", out var s) && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out startIndex))
        {
            error = $"Parameter startIndex: '{s}' is not a whole number.";
        }

        if (query.TryGetValue("limit", out var l))
        {
            if (int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            {
                limit = parsed;
            }
            else
            {
                error = $"Parameter limit: '{l}' is not a non-negative whole number.";
            }
        }

        var saved = query["minDateLastSaved"].ToString();
        if (saved.Length == 0)
        {
            saved = query["minDateLastSavedForUser"].ToString(); // same column despite the name (§2.6)
        }

        if (saved.Length > 0)
        {
            if (DateTimeOffset.TryParse(saved, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                minSaved = date;
            }
            else
            {
                error = $"Parameter minDateLastSaved: '{saved}' is not an ISO-8601 date.";
            }
        }

        var ids = query["ids"].ToString();
        return new JellyfinQuery
        {
            ParentId = NullIfEmpty(query["parentId"].ToString()),
            Recursive = bool.TryParse(query["recursive"], out var recursive) && recursive,
            Types = List(query["includeItemTypes"].ToString()),
            Fields = List(query["fields"].ToString()),
            Ids = ids.Length > 0 ? List(ids.Replace("-", string.Empty, StringComparison.Ordinal)) : null,
            StartIndex = Math.Max(0, startIndex),
            Limit = limit,
            MinDateLastSaved = minSaved,
            SortByDateCreated = query["sortBy"].ToString().StartsWith("DateCreated", StringComparison.OrdinalIgnoreCase),
            SortDescending = string.Equals(query["sortOrder"].ToString().Split(',')[0], "Descending", StringComparison.OrdinalIgnoreCase),
            EnableTotalRecordCount = !string.Equals(query["enableTotalRecordCount"], "false", StringComparison.OrdinalIgnoreCase),
            EnableImages = !string.Equals(query["enableImages"], "false", StringComparison.OrdinalIgnoreCase),
            EnableUserData = !string.Equals(query["enableUserData"], "false", StringComparison.OrdinalIgnoreCase),
            UserId = userIdFromRoute ?? NullIfEmpty(query["userId"].ToString()),
        };
    }

    public bool Wants(JellyfinItem item) =>
        (Types.Count == 0 || Types.Contains(item.Type))
        && (Ids is null || Ids.Contains(item.Id))
        && (MinDateLastSaved is not { } min || item.DateLastSaved >= min);

    private static HashSet<string> List(string value) =>
        new(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
