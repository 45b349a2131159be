namespace MediaSync.Hosting.Configuration;

/// <summary>
/// Thrown at start-up when host.json, local.settings.json or an app setting the host needs is missing or
/// malformed. The message names the file or setting; it never contains a secret value.
/// </summary>
public sealed class FunctionsConfigurationException : Exception
{
    /// <summary>Creates the exception with a message that names the offending file or setting.</summary>
    /// <param name="message">What failed and where.</param>
    public FunctionsConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser error that caused it.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="innerException">The underlying parser error.</param>
    public FunctionsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
