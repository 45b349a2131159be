namespace MediaSync.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration: type, message, trimmed stack, inner failure.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, trimmed to 4 KB.</param>
/// <param name="InnerFailure">The inner failure, if any.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure)
{
    private const int MaxStackLength = 4096;

    /// <summary>Whether the failure was caused by an exception of type <typeparamref name="T"/> (or a subtype, when the type is loadable).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        if (ErrorType == typeof(T).FullName)
        {
            return true;
        }

        var type = Type.GetType(ErrorType, throwOnError: false) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null && typeof(T).IsAssignableFrom(type);
    }

    /// <summary>Builds failure details from an exception (unwrapping <see cref="TaskFailedException"/>).</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException tfe)
        {
            return new TaskFailureDetails(
                exception.GetType().FullName!, exception.Message, Trim(exception.StackTrace), tfe.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName!,
            exception.Message,
            Trim(exception.StackTrace),
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    private static string? Trim(string? stack) => stack is { Length: > MaxStackLength } ? stack[..MaxStackLength] : stack;
}
