using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sources;

/// <summary>Checks every source at start-up and names the setting that is wrong (never its value: it may be a secret).</summary>
internal sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var problems = new List<string>();
        foreach ((string id, SourceOptions source) in options.Sources)
        {
            string path = $"{SourcesOptions.SectionName}:{id}";
            if (!IsValidId(id))
            {
                problems.Add($"{path}: a source id must be 1-63 lower-case letters, digits or '_', starting with a letter or digit: it becomes part of table keys, where '-' separates the source from the rest.");
            }

            problems.AddRange(Problems(source).Select(p => $"{path}:{p}"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static bool IsValidId(string id) =>
        id.Length is > 0 and < 64
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static IEnumerable<string> Problems(SourceOptions source)
    {
        if (!Enum.IsDefined(source.Kind))
        {
            yield return "Kind must be one of xtream, m3u, jellyfin, plex.";
            yield break;
        }

        if (source.Kind == SourceKind.M3u)
        {
            if (!IsHttp(source.PlaylistUrl))
            {
                yield return "PlaylistUrl must be an absolute http(s) URL for an m3u source.";
            }
        }
        else if (!IsHttp(source.BaseUrl))
        {
            yield return $"BaseUrl must be an absolute http(s) URL for a {source.Kind.ToString().ToLowerInvariant()} source.";
        }

        switch (source.Kind)
        {
            case SourceKind.Xtream when string.IsNullOrEmpty(source.Username) || string.IsNullOrEmpty(source.Password):
                yield return "Username and Password are required for an xtream source.";
                break;
            case SourceKind.Jellyfin when string.IsNullOrEmpty(source.ApiKey):
                yield return "ApiKey is required for a jellyfin source.";
                break;
            case SourceKind.Plex when string.IsNullOrEmpty(source.Token):
                yield return "Token is required for a plex source.";
                break;
        }

        if (!string.IsNullOrWhiteSpace(source.Schedule) && Sync.SourceSchedule.TryParse(source.Schedule) is null)
        {
            yield return "Schedule must be a six-field NCrontab expression: {second} {minute} {hour} {day} {month} {day-of-week} (UTC).";
        }

        if (source.MaxStreams is < 0)
        {
            yield return "MaxStreams must be 0 (unlimited) or more.";
        }

        if (source.DispatcharrAccountId is { } dispatcharr && (dispatcharr <= 0 || source.Kind != SourceKind.Xtream))
        {
            yield return "DispatcharrAccountId must be a positive Dispatcharr M3U account id, on an xtream source.";
        }
    }

    private static bool IsHttp(Uri? uri) => uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
