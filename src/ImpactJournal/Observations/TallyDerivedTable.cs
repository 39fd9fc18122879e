namespace ImpactJournal.Observations;

/// <summary>
/// The wiring every table kept from the observation tally shares: its row trigger (the table's own
/// <c>{table}_keep()</c> function), emptied when the tally is truncated, and dropped with it.
/// </summary>
public static class TallyDerivedTable
{
    public static string Triggers(string table, string tally, string name) => $"""
        create function {table}_clear() returns trigger language plpgsql as $clear$
        begin
            truncate {table};
            return null;
        end $clear$;
        create trigger {name}_keep after insert or update or delete on {tally} for each row execute function {table}_keep();
        create trigger {name}_clear after truncate on {tally} for each statement execute function {table}_clear();
        """;

    public static string Drop(string table) => $"""
        drop table if exists {table};
        drop function if exists {table}_keep() cascade;
        drop function if exists {table}_clear() cascade;
        """;
}
