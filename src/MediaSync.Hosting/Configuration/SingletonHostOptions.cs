using System.ComponentModel.DataAnnotations;

namespace MediaSync.Hosting.Configuration;

/// <summary>host.json <c>singleton</c>: the blob lease that makes one host instance run each timer.</summary>
internal sealed class SingletonHostOptions
{
    /// <summary>Gets or sets the lease duration on a timer's listener lock (renewed at a third of it).</summary>
    /// <value>Defaults to 60 seconds; blob leases allow 15 to 60.</value>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00")]
    public TimeSpan ListenerLockPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often a host without the lock tries to take it.</summary>
    /// <value>Defaults to one minute.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ListenerLockRecoveryPollingInterval { get; set; } = TimeSpan.FromMinutes(1);
}
