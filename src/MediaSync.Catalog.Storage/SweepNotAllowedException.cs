namespace MediaSync.Catalog.Storage;

/// <summary>The sweep was refused: the run it was asked to trust is not a completed full run.</summary>
public sealed class SweepNotAllowedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SweepNotAllowedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the sweep was refused.</param>
    public SweepNotAllowedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the sweep was refused.</param>
    /// <param name="innerException">The cause.</param>
    public SweepNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
