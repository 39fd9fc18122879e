namespace ImpactJournal.Network;

/// <summary>
/// <c>observation_tally_pairs</c>: joint observations counted per pair of partners, quarter, consent scope and consent
/// expiry (as <see cref="Observations.ObservationWeeks"/> keeps the weeks, so a reader's count is made only of the
/// scopes it may read), with how many of them are identifiable and the first and latest day each pair acted together
/// in it. A trigger on the observation tally keeps it in the same transaction (so it follows the read model through
/// amendments, retractions, rebuilds and resets); the network reads whole quarters from it and only the quarter it
/// stands in from the tally, instead of pairing up every joint observation of years. Created, filled and dropped with
/// the tally.
/// </summary>
public static class JointPairs
{
    public static string TableOf(string tally) => $"{tally}_pairs";

    /// <summary>Each unordered pair of the partners of a tally row <paramref name="row"/> (old or new), the smaller id first.</summary>
    private static string PairsOf(string row) =>
        $"(select distinct p, q from unnest({row}.partner_id || {row}.with_partners) p, unnest({row}.partner_id || {row}.with_partners) q where p < q)";

    // A tally row's part of the key ({0}: old, new or t): its quarter, consent scope and expiry (none reads as never).
    private const string Key = "date_trunc('quarter', {0}.observed_on)::date, coalesce({0}.scope, ''), coalesce({0}.expires_on, 'infinity'::date)";
    private const string Identifiable = "case when {0}.identifiable then 1 else 0 end";
    private const string Counted = "{0}.retracted_at is null and cardinality({0}.with_partners) > 0";

    private static string KeyOf(string row) => string.Format(Key, row);

    /// <summary>Creates the table beside a filled tally (in its schema) and counts it.</summary>
    public static string FillStatements(string tally)
    {
        var pairs = TableOf(tally);
        return $"""
            create table {pairs} (
                tenant_id varchar not null, quarter date not null, scope text not null, expires_on date not null, p uuid not null, q uuid not null,
                observations int not null, identifiable int not null, first_day date not null, latest_day date not null,
                primary key (tenant_id, quarter, scope, expires_on, p, q));
            insert into {pairs}
            select t.tenant_id, {KeyOf("t")}, x.p, x.q, count(*), sum({string.Format(Identifiable, "t")}), min(t.observed_on), max(t.observed_on)
            from {tally} as t, lateral {PairsOf("t")} as x
            where {string.Format(Counted, "t")}
            group by 1, 2, 3, 4, 5, 6;
            analyze {pairs};
            """;
    }

    /// <summary>The trigger on the tally that keeps the (filled) table up to date.</summary>
    public static string KeepStatements(string tally)
    {
        var pairs = TableOf(tally);
        return $$"""
            create function {{pairs}}_keep() returns trigger language plpgsql as $pairs$
            begin
                if tg_op = 'UPDATE' and (old.observed_on, old.partner_id, old.with_partners, old.retracted_at, old.scope, old.expires_on, old.identifiable)
                    is not distinct from (new.observed_on, new.partner_id, new.with_partners, new.retracted_at, new.scope, new.expires_on, new.identifiable) then
                    return null;
                end if;
                if tg_op in ('UPDATE', 'DELETE') and {{string.Format(Counted, "old")}} then
                    update {{pairs}} as b set observations = b.observations - 1, identifiable = b.identifiable - {{string.Format(Identifiable, "old")}}
                    from {{PairsOf("old")}} as x
                    where b.tenant_id = old.tenant_id and (b.quarter, b.scope, b.expires_on) = ({{KeyOf("old")}}) and b.p = x.p and b.q = x.q;
                    delete from {{pairs}} as b where b.tenant_id = old.tenant_id and (b.quarter, b.scope, b.expires_on) = ({{KeyOf("old")}}) and b.observations <= 0;
                    -- The first and latest day of a quarter's pairs cannot be taken back by subtraction: count them again.
                    update {{pairs}} as b set first_day = r.first_day, latest_day = r.latest_day
                    from (select x.p, x.q, min(t.observed_on) as first_day, max(t.observed_on) as latest_day
                          from {{PairsOf("old")}} as x
                          join {{tally}} as t on t.tenant_id = old.tenant_id and {{string.Format(Counted, "t")}} and ({{KeyOf("t")}}) = ({{KeyOf("old")}})
                              and t.observed_on >= date_trunc('quarter', old.observed_on)::date and t.observed_on < date_trunc('quarter', old.observed_on)::date + interval '3 months'
                              and x.p = any(t.partner_id || t.with_partners) and x.q = any(t.partner_id || t.with_partners)
                          group by x.p, x.q) as r
                    where b.tenant_id = old.tenant_id and (b.quarter, b.scope, b.expires_on) = ({{KeyOf("old")}}) and b.p = r.p and b.q = r.q;
                end if;
                if tg_op in ('INSERT', 'UPDATE') and {{string.Format(Counted, "new")}} then
                    insert into {{pairs}} as b
                    select new.tenant_id, {{KeyOf("new")}}, x.p, x.q, 1, {{string.Format(Identifiable, "new")}}, new.observed_on, new.observed_on
                    from {{PairsOf("new")}} as x
                    on conflict (tenant_id, quarter, scope, expires_on, p, q) do update set observations = b.observations + 1,
                        identifiable = b.identifiable + excluded.identifiable,
                        first_day = least(b.first_day, excluded.first_day), latest_day = greatest(b.latest_day, excluded.latest_day);
                end if;
                return null;
            end $pairs$;
            {{Observations.TallyDerivedTable.Triggers(pairs, tally, "pairs")}}
            """;
    }

    public static string DropStatements(string tally) => Observations.TallyDerivedTable.Drop(TableOf(tally));

    /// <summary>
    /// Every pair's joint observations up to a day ($2) in one alliance ($1) that a reader may read: consent scopes
    /// among $3 and not expired on the reader's today ($4), the same rule as <see cref="Observations.ObservationCounts"/>.
    /// Whole quarters before that day's quarter come from the pairs, the days of its own quarter from the tally.
    /// </summary>
    public static string UntilDay(string tally) => $"""
        with counted as (
            select b.p, b.q, b.observations, b.identifiable > 0 as identifiable, b.first_day, b.latest_day
            from {TableOf(tally)} as b
            where b.tenant_id = $1 and b.quarter < date_trunc('quarter', $2::date)::date
              and b.scope = any($3) and b.expires_on >= $4
            union all
            select x.p, x.q, 1, t.identifiable, t.observed_on, t.observed_on
            from {tally} as t, lateral {PairsOf("t")} as x
            where t.tenant_id = $1 and {string.Format(Counted, "t")}
              and t.observed_on >= date_trunc('quarter', $2::date)::date and t.observed_on <= $2::date
              and t.scope = any($3) and (t.expires_on is null or t.expires_on >= $4))
        select p, q, sum(observations)::int, bool_or(identifiable), min(first_day), max(latest_day)
        from counted
        group by p, q
        """;
}
