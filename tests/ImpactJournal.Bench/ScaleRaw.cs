using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ImpactJournal.Bench;

/// <summary>The raw-PostgreSQL side of the scale benchmark: the same rows in plain indexed tables, and the journal's own table read and copied raw.</summary>
public sealed class ScaleRaw(BenchOptions options)
{
    private readonly NpgsqlDataSource _data = NpgsqlDataSource.Create(options.ConnectionString);

    public async Task<long> CountEventsAsync()
    {
        await using var command = _data.CreateCommand("select count(*) from impactjournal.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<string> DatabaseSizeAsync()
    {
        await using var command = _data.CreateCommand("select pg_size_pretty(pg_database_size(current_database())), pg_size_pretty(pg_total_relation_size('impactjournal.mt_events'))");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetString(0)} (mt_events {reader.GetString(1)})";
    }

    /// <summary>
    /// Copies a table's rows out to a file, then times COPY of that file into a table shaped like it (same columns,
    /// keys and indexes): what PostgreSQL alone takes to store the same rows. With <paramref name="indexesAfter"/> the
    /// keys and indexes are built after the copy, two at a time, as the observations' rebuild does. Returns the seconds it took.
    /// </summary>
    public async Task<double> CopyTableAsync(string table, string file, bool indexesAfter = false)
    {
        await using (var connection = await _data.OpenConnectionAsync())
        await using (var output = File.Create(file))
        await using (var copy = await connection.BeginRawBinaryCopyAsync($"copy impactjournal.{table} to stdout (format binary)"))
            await copy.CopyToAsync(output);
        await ExecuteAsync($"create schema if not exists bench_raw; drop table if exists bench_raw.{table}; " +
                           $"create table bench_raw.{table} (like impactjournal.{table} including all{(indexesAfter ? " excluding indexes" : "")})");
        var indexes = new List<string>();
        if (indexesAfter)
        {
            await using var command = _data.CreateCommand($"select indexdef from pg_indexes where schemaname = 'impactjournal' and tablename = '{table}'");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0).Replace($" ON impactjournal.{table} ", $" ON bench_raw.{table} "));
        }
        var watch = Stopwatch.StartNew();
        await using (var connection = await _data.OpenConnectionAsync())
        await using (var input = File.OpenRead(file))
        await using (var copy = await connection.BeginRawBinaryCopyAsync($"copy bench_raw.{table} from stdin (format binary)"))
            await input.CopyToAsync(copy);
        // Two at a time, as the rebuild builds them.
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(indexes);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var connection = await _data.OpenConnectionAsync();
            while (queue.TryDequeue(out var index))
            {
                await using var create = new NpgsqlCommand(index, connection) { CommandTimeout = 0 };
                await create.ExecuteNonQueryAsync();
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        File.Delete(file);
        await ExecuteAsync($"drop table bench_raw.{table}");
        return seconds;
    }

    /// <summary>Rows per second of reading every column of every event in order, as a projection rebuild must.</summary>
    public async Task<double> SequentialReadRateAsync()
    {
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using var connection = await _data.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select * from impactjournal.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows / watch.Elapsed.TotalSeconds;
    }

    public async Task LoadAsync(ScaleJournal journal)
    {
        await ExecuteAsync("""
            drop table if exists raw_observations, raw_ripples, raw_readings;
            create table raw_observations (id uuid primary key, alliance_id uuid, observed_at timestamptz, partner_id uuid,
                                           themes text[], capitals text[], valence text, text text);
            create table raw_ripples (id uuid primary key, map_id uuid, label text, caused_by uuid);
            create table raw_readings (indicator_id uuid, observed_on date, value double precision);
            """);
        await using var connection = await _data.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_observations from stdin (format binary)"))
        {
            foreach (var o in journal.ObservationRows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(o.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(o.Alliance, NpgsqlDbType.Uuid);
                await copy.WriteAsync(o.ObservedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(o.Partner, NpgsqlDbType.Uuid);
                await copy.WriteAsync(o.Themes, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(o.Capitals, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(o.Valence, NpgsqlDbType.Text);
                await copy.WriteAsync("Neighbours met at the pantry and swapped numbers", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_ripples from stdin (format binary)"))
        {
            foreach (var r in journal.RippleRows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Map, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Label, NpgsqlDbType.Text);
                await copy.WriteAsync(r.CausedBy, NpgsqlDbType.Uuid);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy raw_readings from stdin (format binary)"))
        {
            foreach (var r in journal.ReadingRows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Indicator, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.On, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Value, NpgsqlDbType.Double);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync("""
            create index on raw_observations (alliance_id, observed_at desc, id desc);
            create index on raw_ripples (map_id);
            create index on raw_readings (indicator_id, observed_on);
            analyze raw_observations; analyze raw_ripples; analyze raw_readings;
            """);
    }

    /// <summary>The (observedAt, id) of the row <paramref name="depth"/> rows down the alliance's list: where a cursor that deep points.</summary>
    public async Task<(DateTime ObservedAt, Guid Id)> BoundaryAsync(Guid alliance, int depth)
    {
        await using var command = _data.CreateCommand("select observed_at, id from raw_observations where alliance_id = $1 order by observed_at desc, id desc offset $2 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = alliance });
        command.Parameters.Add(new NpgsqlParameter { Value = depth - 1 });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDateTime(0), reader.GetGuid(1));
    }

    public async Task QueryAsync(string sql, params object[] parameters)
    {
        await using var command = _data.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
