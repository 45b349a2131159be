using System.ComponentModel.DataAnnotations;

namespace MediaSync.Sandbox;

/// <summary>One provider login of the sandbox: an Xtream Codes account and the Dispatcharr M3U account that wraps it.</summary>
public sealed class SandboxAccount
{
    /// <summary>Gets or sets the Xtream user name.</summary>
    /// <value>Defaults to <c>sandbox</c>.</value>
    [Required]
    public string Username { get; set; } = "sandbox";

    /// <summary>Gets or sets the Xtream password (a secret: it appears in stream URLs).</summary>
    /// <value>Defaults to <c>sandbox-secret</c>.</value>
    [Required]
    public string Password { get; set; } = "sandbox-secret";

    /// <summary>Gets or sets how many stream connections may be open at once; the next one is refused.</summary>
    /// <value>Defaults to 2. 0 means unlimited.</value>
    [Range(0, 10_000)]
    public int MaxConnections { get; set; } = 2;

    /// <summary>Gets or sets the account status reported in <c>user_info.status</c>; anything but <c>Active</c> refuses streams.</summary>
    /// <value>Defaults to <c>Active</c>.</value>
    public string Status { get; set; } = "Active";
}
