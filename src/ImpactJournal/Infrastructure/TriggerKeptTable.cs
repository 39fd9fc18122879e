using System.Data.Common;
using Weasel.Core;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// The triggers that keep a narrow table from a document table in the same transaction, as the observations' tally and
/// the stories' signifiers are kept: each insert or update of a document upserts its row (or deletes it when
/// <c>dropWhen</c> holds for the new document), a delete deletes it, a truncate empties the table. The keep function's
/// comment carries the table's revision, so <c>db-apply</c> finds a changed definition and recreates it.
/// </summary>
/// <param name="documents">the document table the triggers sit on</param>
/// <param name="table">the kept table</param>
/// <param name="trigger">the triggers' name before <c>_keep</c> and <c>_clear</c></param>
/// <param name="revision">the kept table's definition, changed whenever it changes</param>
public sealed class TriggerKeptTable(string documents, string table, string trigger, string revision)
{
    private string Keep => $"{table}_keep";
    private string Clear => $"{table}_clear";

    /// <summary>
    /// The functions and triggers: <paramref name="row"/> computes <paramref name="columns"/> from <c>new.data</c>, in their order.
    /// </summary>
    public string KeepStatements(string columns, string row, string? dropWhen = null)
    {
        var names = columns.Split(',').Select(c => c.Trim()).ToList();
        var excluded = string.Join(", ", names.Select(c => $"excluded.{c}"));
        var dropped = dropWhen is null ? "" : $"""
            if {dropWhen} then
                    delete from {table} where tenant_id = new.tenant_id and id = new.id;
                    return null;
                end if;
            """;
        return $"""
            create function {Keep}() returns trigger language plpgsql as $keep$
            begin
                if tg_op = 'DELETE' then
                    delete from {table} where tenant_id = old.tenant_id and id = old.id;
                    return null;
                end if;
                {dropped}
                insert into {table} (tenant_id, id, {string.Join(", ", names)})
                select new.tenant_id, new.id, r.* from (select {row}) as r
                on conflict (tenant_id, id) do update set ({string.Join(", ", names)}) = ({excluded});
                return null;
            end $keep$;
            comment on function {Keep}() is '{revision}';
            create function {Clear}() returns trigger language plpgsql as $clear$
            begin
                truncate {table};
                return null;
            end $clear$;
            create trigger {trigger}_keep after insert or update or delete on {documents}
                for each row execute function {Keep}();
            create trigger {trigger}_clear after truncate on {documents}
                for each statement execute function {Clear}();
            """;
    }

    /// <summary>Drops the triggers, their functions and the table.</summary>
    public string DropStatements() => $"""
        drop trigger if exists {trigger}_keep on {documents};
        drop trigger if exists {trigger}_clear on {documents};
        drop function if exists {Keep}();
        drop function if exists {Clear}();
        drop table if exists {table};
        """;

    /// <summary>Counts the triggers in place at this revision: 2 when up to date, 0 when missing.</summary>
    public string CheckStatement => $"""
        select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where t.tgrelid = to_regclass('{documents}') and t.tgname in ('{trigger}_keep', '{trigger}_clear')
          and (t.tgname = '{trigger}_clear' or obj_description(p.oid, 'pg_proc') = '{revision}')
          and to_regclass('{table}') is not null;
        """;

    /// <summary>What <see cref="CheckStatement"/> found: nothing to do, the table to create, or to recreate.</summary>
    public static async Task<ISchemaObjectDelta> DeltaAsync(ISchemaObject kept, DbDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return new RecreatingDelta(kept, reader.GetInt64(0) switch
        {
            2 => SchemaPatchDifference.None,
            0 => SchemaPatchDifference.Create,
            _ => SchemaPatchDifference.Update
        });
    }
}
