using System.Net;
using System.Text;

namespace MediaSync.Streams;

/// <summary>The state and steps of one probe: redirects, sampling, classification and the HLS walk.</summary>
internal sealed class ProbeRun(HttpClient http, StreamProberOptions options, TimeProvider time, Uri url)
{
    private readonly List<Uri> urlsSeen = [url];
    private int? httpStatus;
    private string? contentType;
    private long? ttfbMs;
    private long? bitrateKbps;
    private long bytesRead;

    /// <summary>Gets what the probe is doing, for timeout messages.</summary>
    public string Stage { get; private set; } = "before the request";

    /// <summary>Runs the probe; time limits arrive through <paramref name="cancellationToken"/>.</summary>
    public async Task<StreamProbeResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        Stage = "waiting for the response";
        var (response, finalUrl, failure) = await SendAsync(url, start, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        using (response)
        {
            httpStatus = (int)response!.StatusCode;
            contentType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                return Fail(StreamProbeStatus.HttpError, $"HTTP {httpStatus} {response.ReasonPhrase} from {finalUrl}");
            }

            Stage = "reading the body";
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var sampler = new BodySampler(body, time, start, options);

            // A few bytes are enough to tell a playlist or an HTML page from a transport stream.
            var first = await sampler.ReadAsync(16, window: null, cancellationToken).ConfigureAwait(false);
            ttfbMs = sampler.TtfbMs;
            bytesRead = sampler.BytesRead;
            if (first == BodySampler.Outcome.NoFirstByte)
            {
                return Fail(StreamProbeStatus.Timeout, $"no body byte within {options.FirstByteTimeout.TotalSeconds:0.###} s");
            }

            if (first == BodySampler.Outcome.Stalled)
            {
                return Fail(StreamProbeStatus.Stalled, $"the body stopped after {sampler.BytesRead} bytes");
            }

            if (sampler.BytesRead == 0)
            {
                return Fail(StreamProbeStatus.WrongContentType, $"the body was empty ({contentType ?? "no content type"})");
            }

            if (MediaSniffer.IsM3u(sampler.Head))
            {
                return await ProbeHlsAsync(sampler, finalUrl, cancellationToken).ConfigureAwait(false);
            }

            if (MediaSniffer.IsHtml(sampler.Head) || string.Equals(contentType, "text/html", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(StreamProbeStatus.WrongContentType, $"an HTML page ({contentType ?? "no content type"}) instead of a stream");
            }

            return await ProbeTransportStreamAsync(sampler, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A failed result with everything measured so far and the detail scrubbed of every secret seen.</summary>
    public StreamProbeResult Fail(StreamProbeStatus status, string detail) => Result(status, detail);

    private StreamProbeResult Result(StreamProbeStatus status, string? detail)
    {
        if (detail is not null)
        {
            foreach (Uri seen in urlsSeen)
            {
                detail = SecretScrubber.Scrub(detail, seen);
            }
        }

        return new StreamProbeResult(status, httpStatus, contentType, ttfbMs, bitrateKbps, bytesRead, detail, SecretScrubber.Redact(url));
    }

    private async Task<StreamProbeResult> ProbeTransportStreamAsync(BodySampler sampler, CancellationToken cancellationToken)
    {
        Stage = "sampling the stream";
        var outcome = await sampler.ReadAsync(options.MaxBytes, options.SampleWindow, cancellationToken).ConfigureAwait(false);
        bytesRead = sampler.BytesRead;
        bitrateKbps = sampler.BitrateKbps;

        int needed = MediaSniffer.BytesNeededForSync(options.RequiredSyncPackets);
        if (MediaSniffer.FindTsSync(sampler.Head, options.RequiredSyncPackets) < 0)
        {
            if (sampler.HeadLength < needed && outcome == BodySampler.Outcome.Stalled)
            {
                return Fail(StreamProbeStatus.Stalled, $"the body stopped after {sampler.BytesRead} bytes, before {needed} bytes needed to find MPEG-TS sync");
            }

            string what = sampler.HeadLength < needed
                ? $"only {sampler.HeadLength} bytes, fewer than the {needed} needed to see {options.RequiredSyncPackets} MPEG-TS packets"
                : $"no run of {options.RequiredSyncPackets} packets starting with 0x47 every 188 bytes in the first {sampler.HeadLength} bytes";
            return MediaSniffer.IsTsContentType(contentType) || contentType is null
                ? Fail(StreamProbeStatus.NoMpegTsSync, what)
                : Fail(StreamProbeStatus.WrongContentType, $"{contentType} with {what}");
        }

        if (outcome == BodySampler.Outcome.Stalled)
        {
            return Fail(StreamProbeStatus.Stalled, $"the stream stopped for {options.StallTimeout.TotalSeconds:0.###} s after {sampler.BytesRead} bytes");
        }

        return Result(StreamProbeStatus.Ok, null);
    }

    private async Task<StreamProbeResult> ProbeHlsAsync(BodySampler sampler, Uri playlistUrl, CancellationToken cancellationToken)
    {
        Stage = "reading the playlist";
        string? text = await ReadPlaylistAsync(sampler, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return Fail(StreamProbeStatus.HlsUnreadable, $"the playlist at {playlistUrl} could not be read completely ({sampler.BytesRead} bytes, limit {options.MaxPlaylistBytes})");
        }

        var playlist = HlsPlaylist.Parse(text, playlistUrl);
        if (playlist is null)
        {
            return Fail(StreamProbeStatus.HlsUnreadable, $"{playlistUrl} is not an M3U playlist");
        }

        if (playlist.IsMaster)
        {
            Uri variantUrl = playlist.Variants[0];
            Stage = "fetching the variant playlist";
            var (variantText, failure) = await FetchPlaylistAsync(variantUrl, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            playlist = HlsPlaylist.Parse(variantText!, variantUrl);
            if (playlist is null || playlist.IsMaster)
            {
                return Fail(StreamProbeStatus.HlsUnreadable, $"the variant {variantUrl} is not a media playlist");
            }

            playlistUrl = variantUrl;
        }

        if (playlist.Segments.Count == 0)
        {
            return Fail(StreamProbeStatus.HlsUnreadable, $"the media playlist {playlistUrl} lists no segments");
        }

        // The newest segment is the one a player would start with.
        HlsSegment segment = playlist.Segments[^1];
        return await ProbeSegmentAsync(segment, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StreamProbeResult> ProbeSegmentAsync(HlsSegment segment, CancellationToken cancellationToken)
    {
        Stage = "fetching the newest segment";
        long start = time.GetTimestamp();
        var (response, finalUrl, failure) = await SendAsync(segment.Uri, start, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure.Status == StreamProbeStatus.Timeout ? failure : Fail(StreamProbeStatus.HlsUnreadable, $"segment: {failure.Detail}");
        }

        using (response)
        {
            if (!response!.IsSuccessStatusCode)
            {
                return Fail(StreamProbeStatus.HlsUnreadable, $"the segment {finalUrl} answered HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var sampler = new BodySampler(body, time, start, options);
            var outcome = await sampler.ReadAsync(options.MaxBytes, window: null, cancellationToken).ConfigureAwait(false);
            bytesRead += sampler.BytesRead;
            if (outcome == BodySampler.Outcome.NoFirstByte)
            {
                return Fail(StreamProbeStatus.Timeout, $"the segment {finalUrl} sent no byte within {options.FirstByteTimeout.TotalSeconds:0.###} s");
            }

            bool playable = MediaSniffer.FindTsSync(sampler.Head, options.RequiredSyncPackets) >= 0 || MediaSniffer.IsFragmentedMp4(sampler.Head);
            if (!playable)
            {
                return Fail(StreamProbeStatus.HlsUnreadable, $"the segment {finalUrl} is neither MPEG-TS nor fragmented MP4 ({sampler.BytesRead} bytes)");
            }

            if (outcome == BodySampler.Outcome.Stalled)
            {
                return Fail(StreamProbeStatus.Stalled, $"the segment {finalUrl} stopped after {sampler.BytesRead} bytes");
            }

            bitrateKbps = outcome == BodySampler.Outcome.Ended && segment.DurationSeconds is > 0
                ? (long)(sampler.BytesRead * 8 / segment.DurationSeconds.Value / 1000)
                : sampler.BitrateKbps;
            return Result(StreamProbeStatus.Ok, null);
        }
    }

    private async Task<(string? Text, StreamProbeResult? Failure)> FetchPlaylistAsync(Uri playlistUrl, CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        var (response, finalUrl, failure) = await SendAsync(playlistUrl, start, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return (null, failure.Status == StreamProbeStatus.Timeout ? failure : Fail(StreamProbeStatus.HlsUnreadable, $"variant playlist: {failure.Detail}"));
        }

        using (response)
        {
            if (!response!.IsSuccessStatusCode)
            {
                return (null, Fail(StreamProbeStatus.HlsUnreadable, $"the variant playlist {finalUrl} answered HTTP {(int)response.StatusCode}"));
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var sampler = new BodySampler(body, time, start, options);
            string? text = await ReadPlaylistAsync(sampler, cancellationToken).ConfigureAwait(false);
            return text is null
                ? (null, Fail(StreamProbeStatus.HlsUnreadable, $"the variant playlist {finalUrl} could not be read completely ({sampler.BytesRead} bytes)"))
                : (text, null);
        }
    }

    /// <summary>The whole playlist as text, or null when it did not end within the byte limit and the time limits.</summary>
    private async Task<string?> ReadPlaylistAsync(BodySampler sampler, CancellationToken cancellationToken)
    {
        long before = sampler.BytesRead;
        sampler.KeepEverything();
        var outcome = await sampler.ReadAsync(options.MaxPlaylistBytes + 1L, window: null, cancellationToken).ConfigureAwait(false);
        bytesRead += sampler.BytesRead - before;
        return outcome == BodySampler.Outcome.Ended ? Encoding.UTF8.GetString(sampler.AllBytes) : null;
    }

    /// <summary>GET with manual redirects: at most <see cref="StreamProberOptions.MaxRedirects"/>, http/https only, no loops.</summary>
    private async Task<(HttpResponseMessage? Response, Uri FinalUrl, StreamProbeResult? Failure)> SendAsync(
        Uri target, long requestStart, CancellationToken cancellationToken)
    {
        var visited = new HashSet<Uri> { target };
        for (int redirects = 0; ; redirects++)
        {
            if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
            {
                return (null, target, Fail(StreamProbeStatus.RedirectRejected, $"the scheme '{target.Scheme}' is not http or https ({target})"));
            }

            TimeSpan headersBudget = options.FirstByteTimeout - time.GetElapsedTime(requestStart);
            using var headersLimit = new CancellationTokenSource(headersBudget > TimeSpan.Zero ? headersBudget : TimeSpan.FromTicks(1), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(headersLimit.Token, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException
                && headersLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (null, target, Fail(StreamProbeStatus.Timeout, $"no response from {target} within {options.FirstByteTimeout.TotalSeconds:0.###} s"));
            }

            if (!IsRedirect(response.StatusCode))
            {
                return (response, target, null);
            }

            httpStatus = (int)response.StatusCode;
            Uri? location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                return (null, target, Fail(StreamProbeStatus.HttpError, $"HTTP {httpStatus} from {target} without a Location header"));
            }

            Uri next = location.IsAbsoluteUri ? location : new Uri(target, location);
            urlsSeen.Add(next);
            if (!visited.Add(next))
            {
                return (null, next, Fail(StreamProbeStatus.RedirectRejected, $"redirect loop: {target} sent the probe back to {next}"));
            }

            if (redirects >= options.MaxRedirects)
            {
                return (null, next, Fail(StreamProbeStatus.RedirectRejected, $"more than {options.MaxRedirects} redirects (last to {next})"));
            }

            target = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
