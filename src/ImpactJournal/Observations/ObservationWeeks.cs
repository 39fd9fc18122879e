namespace ImpactJournal.Observations;

/// <summary>
/// <c>observation_tally_weeks</c>: observations (not retracted) counted per alliance and week (starting Monday), by
/// the columns a dashboard filters and groups on: capitals, identifiability, consent scope and expiry. A trigger on the
/// observation tally keeps it in the same transaction, so it follows the read model through amendments, retractions,
/// rebuilds and resets. The dashboard reads its weeks from here — a few rows a week instead of every observation of
/// half a year. Created, filled and dropped with the tally.
/// </summary>
public static class ObservationWeeks
{
    public static string TableOf(string tally) => $"{tally}_weeks";

    // One week's key of a tally row ({0}: old, new or t).
    private const string Key = "{0}.tenant_id, date_trunc('week', {0}.observed_on)::date, {0}.capitals, {0}.identifiable, coalesce({0}.scope, ''), coalesce({0}.expires_on, 'infinity'::date)";

    private static string KeyOf(string row) => string.Format(Key, row);

    /// <summary>
    /// Creates the table beside a filled tally (in its schema) and counts it; its key is built over the counted rows,
    /// which costs less than keeping it while they go in.
    /// </summary>
    public static string FillStatements(string tally)
    {
        var weeks = TableOf(tally);
        return $"""
            create table {weeks} (
                tenant_id varchar not null, week date not null, capitals text[] not null, identifiable boolean not null,
                scope text not null, expires_on date not null, observations int not null);
            insert into {weeks}
            select {KeyOf("t")}, count(*) from {tally} as t where t.retracted_at is null group by 1, 2, 3, 4, 5, 6;
            alter table {weeks} add primary key (tenant_id, week, capitals, identifiable, scope, expires_on);
            analyze {weeks};
            """;
    }

    /// <summary>The trigger on the tally that keeps the (filled) table up to date.</summary>
    public static string KeepStatements(string tally)
    {
        var weeks = TableOf(tally);
        return $$"""
            create function {{weeks}}_keep() returns trigger language plpgsql as $weeks$
            begin
                if tg_op = 'UPDATE' and (old.observed_on, old.capitals, old.identifiable, old.scope, old.expires_on, old.retracted_at)
                    is not distinct from (new.observed_on, new.capitals, new.identifiable, new.scope, new.expires_on, new.retracted_at) then
                    return null;
                end if;
                if tg_op in ('UPDATE', 'DELETE') and old.retracted_at is null then
                    update {{weeks}} set observations = observations - 1
                    where (tenant_id, week, capitals, identifiable, scope, expires_on) = ({{KeyOf("old")}});
                    delete from {{weeks}} where (tenant_id, week, capitals, identifiable, scope, expires_on) = ({{KeyOf("old")}}) and observations <= 0;
                end if;
                if tg_op in ('INSERT', 'UPDATE') and new.retracted_at is null then
                    insert into {{weeks}} as w values ({{KeyOf("new")}}, 1)
                    on conflict (tenant_id, week, capitals, identifiable, scope, expires_on) do update set observations = w.observations + 1;
                end if;
                return null;
            end $weeks$;
            {{TallyDerivedTable.Triggers(weeks, tally, "weeks")}}
            """;
    }

    public static string DropStatements(string tally) => TallyDerivedTable.Drop(TableOf(tally));
}
