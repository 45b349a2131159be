using System.ComponentModel.DataAnnotations;

namespace MediaSync.Functions.Slots;

/// <summary>Settings of the relay's viewer slots (section <c>Slots:Viewer</c>).</summary>
internal sealed class ViewerSlotGateOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Slots:Viewer";

    /// <summary>Gets or sets the lease TTL; the relay renews every TTL/3, so a crashed host frees the slot after one TTL.</summary>
    /// <value>Default: 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long an acquire may take before the relay gives up (the slot is then given back).</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
