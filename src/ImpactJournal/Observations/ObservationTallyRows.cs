using System.Globalization;
using System.Text;
using ImpactJournal.Journal;
using Marten;
using Npgsql;

namespace ImpactJournal.Observations;

/// <summary>
/// The tally's rows of a rebuild, counted from each <see cref="Observation"/> as it is folded and copied (as CSV) on a
/// connection of their own into a table beside the staged documents, while the documents are copied on another. Reading
/// them back out of a million JSON documents took PostgreSQL 17 s of a region's 77 s rebuild; these rows must say what
/// <see cref="ObservationTally"/>'s SQL reads from a document (the rebuild test compares the two, row for row).
/// The table is committed on its own; <see cref="ObservationRebuild"/> makes it the tally inside its transaction.
/// </summary>
public sealed class ObservationTallyRows : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly TextWriter _copy;
    private readonly Dictionary<CommunityCapital, string> _capitals;
    private readonly Dictionary<ConsentScope, string> _scopes;
    private const int BatchChars = 64 * 1024;
    private readonly StringBuilder _rows = new(BatchChars + 1024);

    private ObservationTallyRows(NpgsqlConnection connection, TextWriter copy, ISerializer serializer)
    {
        _connection = connection;
        _copy = copy;
        // As the documents spell them, and as the tally's SQL reads them (scopes in lower case).
        _capitals = Enum.GetValues<CommunityCapital>().ToDictionary(c => c, c => serializer.ToJson(c).Trim('"'));
        _scopes = Enum.GetValues<ConsentScope>().ToDictionary(s => s, s => serializer.ToJson(s).Trim('"').ToLowerInvariant());
    }

    public static async Task<ObservationTallyRows> StartAsync(NpgsqlDataSource dataSource, string table, ISerializer serializer, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using (var create = new NpgsqlCommand($"create table {table} ({ObservationTally.Columns})", connection))
                await create.ExecuteNonQueryAsync(ct);
            var copy = await connection.BeginTextImportAsync($"copy {table} from stdin (format csv)", ct);
            return new ObservationTallyRows(connection, copy, serializer);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(string tenant, Observation o, CancellationToken ct)
    {
        var consent = o.Consent;
        Quoted(tenant).Append(',');
        _rows.Append(CultureInfo.InvariantCulture, $"{o.Id},{o.ObservedAt.UtcDateTime:yyyy-MM-dd},{o.PartnerId},");
        TextArray(o.Themes ?? []).Append(',');
        _rows.Append("\"{");
        var first = true;
        foreach (var capital in o.Capitals ?? [])
        {
            if (!first) _rows.Append(',');
            _rows.Append(_capitals[capital]);
            first = false;
        }
        _rows.Append("}\",").Append(consent?.Identifiable == true ? 't' : 'f').Append(',');
        if (consent is not null) _rows.Append(_scopes[consent.Scope]);
        _rows.Append(CultureInfo.InvariantCulture, $",{consent?.ExpiresOn:yyyy-MM-dd},{o.LoggedAt.UtcDateTime:O},{o.Retraction?.At.UtcDateTime:O},\"{{");
        first = true;
        foreach (var partner in o.WithPartners ?? [])
        {
            if (!first) _rows.Append(',');
            _rows.Append(CultureInfo.InvariantCulture, $"{partner}");
            first = false;
        }
        _rows.Append("}\"\n");
        // The writer sends every write at once: rows go in batches.
        if (_rows.Length >= BatchChars) await SendAsync(ct);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await _copy.WriteAsync(_rows, ct);
        _rows.Clear();
    }

    // A CSV field quoted, so an empty string stays one (an unquoted empty field is null).
    private StringBuilder Quoted(string value) => _rows.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');

    // Text from members (themes): an array literal of quoted elements, as one quoted CSV field.
    private StringBuilder TextArray(IReadOnlyList<string> elements)
    {
        var literal = new StringBuilder("{");
        for (var i = 0; i < elements.Count; i++)
            literal.Append(i == 0 ? "" : ",").Append('"').Append(elements[i].Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        return Quoted(literal.Append('}').ToString());
    }

    /// <summary>Commits the rows, so another connection's transaction can read them.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await SendAsync(ct);
        await _copy.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
