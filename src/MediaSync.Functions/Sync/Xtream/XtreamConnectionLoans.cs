using MediaSync.Durable;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// Connections an Xtream sync lends to its running series units (one entity per source, key = the source id). When
/// nothing is left to start, the connections of finished units would sit idle while the last units run on with their
/// share: the sync's orchestration counts them as the running unit's, then records the loan here under the unit's
/// token, and the unit, which reads this book while it works, takes them up. The orchestration settles the loan when
/// the unit completes, so the book holds only the loans of units still running.
/// </summary>
internal sealed class XtreamConnectionLoans : TaskEntity<XtreamConnectionLoans.Book>
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "XtreamConnectionLoans";

    /// <summary>
    /// Loans kept at most: the units of a sync that died before settling leave theirs behind, and a unit token is
    /// never used again, so the oldest are dropped.
    /// </summary>
    private const int MaxLoans = 64;

    /// <summary>The entity of a source.</summary>
    public static EntityInstanceId For(string sourceId) => new(EntityName, sourceId);

    /// <summary>Raises a unit's loan to <see cref="ConnectionLoan.Extra"/> connections (a loan never shrinks while the unit runs).</summary>
    /// <param name="loan">The unit's token and its connections on loan.</param>
    public void Lend(ConnectionLoan loan)
    {
        ArgumentNullException.ThrowIfNull(loan);
        int index = State.Loans.FindIndex(l => l.Token == loan.Token);
        if (index >= 0)
        {
            State.Loans[index] = State.Loans[index] with { Extra = Math.Max(State.Loans[index].Extra, loan.Extra) };
            return;
        }

        State.Loans.Add(loan);
        if (State.Loans.Count > MaxLoans)
        {
            State.Loans.RemoveAt(0);
        }
    }

    /// <summary>Forgets a unit's loan: the unit completed and its connections are back with the orchestration.</summary>
    /// <param name="token">The unit's token.</param>
    public void Settle(string token) => State.Loans.RemoveAll(l => l.Token == token);

    /// <summary>The connections a running unit has on loan (0 when none).</summary>
    public static int ExtraFor(Book? book, string token) => book?.Loans.Find(l => l.Token == token)?.Extra ?? 0;

    /// <summary>The loans of units still running, oldest first.</summary>
    internal sealed class Book
    {
        public List<ConnectionLoan> Loans { get; set; } = [];
    }
}
