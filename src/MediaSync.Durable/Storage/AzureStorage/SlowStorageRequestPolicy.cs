using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>
/// Logs every try of a storage request that took longer than the threshold, or failed without a response after it. A
/// request that hangs until its network timeout stalls whatever waits on it (a partition's turns, a lease renewal) with
/// nothing else in the logs; this says which request it was. Only the method and path are logged: a SAS query carries
/// the signature.
/// </summary>
internal sealed class SlowStorageRequestPolicy(ILogger logger, TimeSpan threshold) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Report(message, Stopwatch.GetElapsedTime(started));
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Report(message, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Report(HttpMessage message, TimeSpan elapsed)
    {
        if (elapsed < threshold)
        {
            return;
        }

        string outcome = message.HasResponse ? message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";
        Log.SlowStorageRequest(logger, message.Request.Method.ToString(), message.Request.Uri.Host ?? string.Empty, message.Request.Uri.Path, (long)elapsed.TotalMilliseconds, outcome);
    }
}
