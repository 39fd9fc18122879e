using System.Collections.Concurrent;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// A new copy of a table, built in a schema of its own while the table goes on serving: created empty (same columns,
/// defaults, checks and storage), filled in bulk by the caller, given the table's key, indexes and statistics over
/// the filled rows (which costs far less than keeping them up to date while it fills; <see cref="IndexBuilds"/> may
/// run at once, beside other work), then put in the table's place inside the caller's transaction. Until that
/// transaction commits, readers see the old table.
/// The copy belongs to whoever builds it and carries none of the table's grants.
/// </summary>
public sealed class StagedTable
{
    private readonly string _schema, _name, _staging;
    private readonly List<string> _builds, _completion, _statistics;

    private StagedTable(string schema, string name, string staging, List<string> builds, List<string> completion, List<string> statistics)
    {
        (_schema, _name, _staging, _builds, _completion, _statistics) = (schema, name, staging, builds, completion, statistics);
    }

    public string QualifiedName => $"{_staging}.{_name}";

    /// <summary>The staging schema: other tables built for the same swap belong here, so one drop clears them all.</summary>
    public string Schema => _staging;

    /// <summary>The filled copy's indexes (its keys' among them): statements that may run at once, on several connections.</summary>
    public IReadOnlyList<string> IndexBuilds => _builds;

    /// <summary>Once <see cref="IndexBuilds"/> have run: the keys made of their indexes, the statistics, and an analyze.</summary>
    public string Completion => string.Join(";\n", [.. _completion, $"analyze {QualifiedName}"]);

    public static async Task<StagedTable> CreateAsync(NpgsqlConnection connection, string schema, string name, CancellationToken ct)
    {
        var staging = $"{schema}_staged";
        var (table, stagedTable) = ($"{schema}.{name}", $"{staging}.{name}");
        await ExecuteAsync(connection, $"drop schema if exists {staging} cascade; create schema {staging}; " +
                                       $"create table {stagedTable} (like {table} including all excluding indexes excluding statistics)", ct);
        // PostgreSQL writes the definitions from its catalogue, so the new copy gets exactly what the table has. A key
        // is its index built like the others, then made the key; indexes first, as they take longest to build.
        List<string> builds = [], completion = [], statistics = [];
        await using var command = new NpgsqlCommand("""
            select 0, pg_get_indexdef(x.indexrelid), null from pg_index x
            where x.indrelid = $1::regclass and not exists (select from pg_constraint c where c.conindid = x.indexrelid)
            union all
            select 1, pg_get_indexdef(conindid), format('add constraint %I %s using index %I', conname,
                case contype when 'p' then 'primary key' else 'unique' end, (select relname from pg_class where oid = conindid)) from pg_constraint
            where conrelid = $1::regclass and contype in ('p', 'u')
            union all
            select 2, format('%I', stxname), pg_get_statisticsobjdef(oid) from pg_statistic_ext
            where stxrelid = $1::regclass
            order by 1, 2
            """, connection) { Parameters = { new() { Value = table } } };
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var definition = reader.GetString(1);
                switch (reader.GetInt32(0))
                {
                    case 0:
                        builds.Add(Moved(definition, $" ON {table} ", $" ON {stagedTable} "));
                        break;
                    case 1:
                        builds.Add(Moved(definition, $" ON {table} ", $" ON {stagedTable} "));
                        completion.Add($"alter table {stagedTable} {reader.GetString(2)}");
                        break;
                    default:
                        var create = reader.GetString(2);
                        completion.Add(Moved(Moved(create, $"CREATE STATISTICS {schema}.", $"CREATE STATISTICS {staging}."), $" FROM {table}", $" FROM {stagedTable}"));
                        statistics.Add(definition);
                        break;
                }
            }
        return new StagedTable(schema, name, staging, builds, completion, statistics);
    }

    /// <summary>Runs statements on several connections at once, each taking the next statement left.</summary>
    public static async Task RunConcurrentlyAsync(NpgsqlDataSource dataSource, int connections, IEnumerable<string> statements, CancellationToken ct)
    {
        var left = new ConcurrentQueue<string>(statements);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            while (left.TryDequeue(out var statement)) await ExecuteAsync(connection, statement, ct);
        }));
    }

    /// <summary>Statements for the caller's transaction that drop the table and put the copy, with its statistics, in its place.</summary>
    public string ReplaceStatements() => string.Join("\n",
        [$"drop table {_schema}.{_name};", $"alter table {QualifiedName} set schema {_schema};",
         .. _statistics.Select(s => $"alter statistics {_staging}.{s} set schema {_schema};")]);

    /// <summary>Drops what is left of the staging schema: everything after a replacement, the unfinished copy after a failure.</summary>
    public async Task DropAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"drop schema if exists {_staging} cascade", CancellationToken.None);
    }

    private static string Moved(string definition, string from, string to) =>
        definition.Contains(from) ? definition.Replace(from, to)
            : throw new InvalidOperationException($"Cannot place '{definition}' on the staged table: '{from}' is not in it.");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
