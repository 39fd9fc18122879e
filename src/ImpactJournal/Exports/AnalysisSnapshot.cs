using System.Data;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Npgsql;

namespace ImpactJournal.Exports;

/// <summary>
/// The observations and stories a reader may take away for analysis, read in one snapshot of the journal (a
/// repeatable-read transaction), so that an export read in several passes sees the same records in each:
/// withdrawn and retracted records never, and only what each teller's consent lets the reader's role read today.
/// </summary>
public sealed class AnalysisSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly AllianceRole _role;
    private readonly DateOnly _today;

    private AnalysisSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, IQuerySession session, AllianceRole role, DateOnly today)
    {
        (_connection, _transaction, Session, _role, _today) = (connection, transaction, session, role, today);
    }

    public IQuerySession Session { get; }

    public static async Task<AnalysisSnapshot> OpenAsync(IDocumentStore store, NpgsqlDataSource dataSource, Guid allianceId,
        AllianceRole role, DateOnly today, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = allianceId.ToString();
        return new AnalysisSnapshot(connection, transaction, store.QuerySession(options), role, today);
    }

    /// <summary>Readable observations, oldest first; retracted ones are left out, as the journal's lists leave them out.</summary>
    public IQueryable<Observation> Observations
    {
        get
        {
            var readable = ConsentScopes.ReadableBy(_role);
            var today = _today;
            return Session.Query<Observation>()
                .Where(o => o.WithdrawnAt == null && o.Retraction == null && o.Consent.Scope.IsOneOf(readable)
                    && (o.Consent.ExpiresOn == null || o.Consent.ExpiresOn >= today))
                .OrderBy(o => o.ObservedAtUtc).ThenBy(o => o.Sequence);
        }
    }

    /// <summary>Readable stories, oldest first (the stories list's own consent rule).</summary>
    public IQueryable<Story> Stories =>
        ReadStoriesEndpoint.Readable(Session, _role, _today, null, false).OrderBy(s => s.ToldOn).ThenBy(s => s.Sequence);

    public Task<Alliance?> AllianceAsync(Guid allianceId, CancellationToken ct) => Session.LoadAsync<Alliance>(allianceId, ct);

    /// <summary>Every version of the alliance's signification framework, oldest first.</summary>
    public async Task<IReadOnlyList<SignificationFramework>> FrameworksAsync(Guid allianceId, CancellationToken ct) =>
        [.. (await Session.Events.FetchStreamAsync(allianceId, token: ct)).Select(e => e.Data).OfType<SignificationFrameworkRevised>()
            .Select(revised => revised.Framework)];

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
