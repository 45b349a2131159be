using MediaSync.Hosting.Timers;

namespace MediaSync.Hosting;

/// <summary>
/// Declares an app's functions in one place: <see cref="AddHttp"/> for HTTP triggers and <see cref="AddTimer"/>
/// for timer triggers. Passed to <see cref="FunctionsHostExtensions.AddFunctionsHost"/>.
/// </summary>
public sealed class FunctionsBuilder
{
    private readonly List<HttpFunction> httpFunctions = [];
    private readonly List<TimerFunction> timerFunctions = [];
    private readonly HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);

    internal FunctionsBuilder()
    {
    }

    internal IReadOnlyList<HttpFunction> HttpFunctions => httpFunctions;

    internal IReadOnlyList<TimerFunction> TimerFunctions => timerFunctions;

    /// <summary>
    /// Declares an HTTP-triggered function at <c>/{routePrefix}/{route}</c>. The handler is a minimal-API delegate:
    /// its parameters bind from the route, query, JSON body, DI services, <c>HttpContext</c>/<c>HttpRequest</c> and
    /// <see cref="CancellationToken"/>, and it returns an <c>IResult</c> or a value serialized as JSON.
    /// </summary>
    /// <param name="name">The function name (also the key setting and the default route).</param>
    /// <param name="authLevel">Who may call it.</param>
    /// <param name="methods">HTTP methods, comma-separated (<c>"GET"</c>, <c>"GET,POST"</c>).</param>
    /// <param name="route">A route template under the prefix, e.g. <c>sync/{source}</c>; null means the name.</param>
    /// <param name="handler">The handler delegate.</param>
    /// <returns>This builder.</returns>
    public FunctionsBuilder AddHttp(string name, AuthLevel authLevel, string methods, string? route, Delegate handler)
    {
        ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(methods);
        ArgumentNullException.ThrowIfNull(handler);

        string[] verbs = methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToUpperInvariant())
            .ToArray();
        httpFunctions.Add(new HttpFunction(name, authLevel, verbs, (route ?? name).Trim('/'), handler));
        return this;
    }

    /// <summary>
    /// Declares a timer-triggered function on a six-field NCrontab schedule
    /// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, UTC) or a <c>%Setting%</c> naming one.
    /// One host instance fires each occurrence; the handler gets a scoped service provider.
    /// </summary>
    /// <param name="name">The function name.</param>
    /// <param name="schedule">The schedule or <c>%Setting%</c>; validated at start-up.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="runOnStartup">Also fire when this host takes over the timer (keep off in production).</param>
    /// <returns>This builder.</returns>
    public FunctionsBuilder AddTimer(string name, string schedule, Func<TimerInfo, IServiceProvider, CancellationToken, Task> handler, bool runOnStartup = false)
    {
        ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        ArgumentNullException.ThrowIfNull(handler);

        timerFunctions.Add(new TimerFunction(name, schedule.Trim(), handler, runOnStartup));
        return this;
    }

    private void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Function name '{name}' may hold only letters, digits, '_' and '-'.", nameof(name));
        }

        if (!names.Add(name))
        {
            throw new ArgumentException($"A function named '{name}' is already declared.", nameof(name));
        }
    }
}
