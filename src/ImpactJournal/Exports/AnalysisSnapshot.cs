using System.Data;
using System.Runtime.CompilerServices;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;
using Marten.Linq;
using Npgsql;

namespace ImpactJournal.Exports;

/// <summary>
/// The observations and stories a reader may take away for analysis, read in one snapshot of the journal (a
/// repeatable-read transaction), so that the statements of one export all see the same records:
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
    private IQueryable<Observation> Observations
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

    /// <summary>
    /// The readable observations as a project needs them, in one statement streamed row by row: each document is read
    /// into the few fields a project holds, not into a whole observation with its history.
    /// </summary>
    public async IAsyncEnumerable<ObservationForAnalysis> ObservationsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(Observations.ToCommand(FetchType.FetchMany));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var data = reader.GetOrdinal("data");
        var serializer = Session.DocumentStore.Options.Serializer();
        while (await reader.ReadAsync(ct)) yield return await serializer.FromJsonAsync<ObservationForAnalysis>(reader, data, ct);
    }

    /// <summary>The themes the readable observations were coded with, each once (worked out by the database).</summary>
    public async Task<IReadOnlyList<string>> ObservationThemesAsync(CancellationToken ct)
    {
        var readable = Observations.ToCommand(FetchType.FetchMany);
        readable.CommandText = $"select distinct jsonb_array_elements_text(r.data -> 'themes') from ({readable.CommandText.TrimEnd().TrimEnd(';')}) as r";
        await using var command = Command(readable);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var themes = new List<string>();
        while (await reader.ReadAsync(ct)) themes.Add(reader.GetString(0));
        return themes;
    }

    /// <summary>A statement Marten wrote, run in this snapshot.</summary>
    private NpgsqlCommand Command(NpgsqlCommand written)
    {
        written.Connection = _connection;
        written.Transaction = _transaction;
        return written;
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
