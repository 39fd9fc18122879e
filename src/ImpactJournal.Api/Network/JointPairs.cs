namespace ImpactJournal.Network;

/// <summary>
/// <c>observation_tally_pairs</c>: joint observations counted per pair of partners and quarter, with the first and
/// latest day each pair acted together in it, and how many of them a commissioner may not read in detail
/// (alliance-scope or identifiable). A trigger on the observation tally keeps it in the same transaction (so it
/// follows the read model through amendments, retractions, rebuilds and resets); the network reads whole quarters
/// from it and only the quarter it stands in from the tally, instead of pairing up every joint observation of years.
/// Created, filled and dropped with the tally.
/// </summary>
public static class JointPairs
{
    public static string TableOf(string tally) => $"{tally}_pairs";

    private const string Sensitive = "case when {0}.scope = 'alliance' or {0}.identifiable then 1 else 0 end";

    /// <summary>Each unordered pair of the partners of a tally row <paramref name="row"/> (old or new), the smaller id first.</summary>
    private static string PairsOf(string row) =>
        $"(select distinct p, q from unnest({row}.partner_id || {row}.with_partners) p, unnest({row}.partner_id || {row}.with_partners) q where p < q)";

    private const string QuarterOf = "date_trunc('quarter', {0}.observed_on)::date";
    private const string Counted = "{0}.retracted_at is null and cardinality({0}.with_partners) > 0";

    /// <summary>Creates the table beside a filled tally (in its schema) and counts it.</summary>
    public static string FillStatements(string tally)
    {
        var pairs = TableOf(tally);
        return $"""
            create table {pairs} (
                tenant_id varchar not null, quarter date not null, p uuid not null, q uuid not null,
                observations int not null, sensitive int not null, first_day date not null, latest_day date not null,
                primary key (tenant_id, quarter, p, q));
            insert into {pairs}
            select t.tenant_id, {string.Format(QuarterOf, "t")}, x.p, x.q, count(*), sum({string.Format(Sensitive, "t")}), min(t.observed_on), max(t.observed_on)
            from {tally} as t, lateral {PairsOf("t")} as x
            where {string.Format(Counted, "t")}
            group by 1, 2, 3, 4;
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
                if tg_op = 'UPDATE' and (old.observed_on, old.partner_id, old.with_partners, old.retracted_at, old.scope, old.identifiable)
                    is not distinct from (new.observed_on, new.partner_id, new.with_partners, new.retracted_at, new.scope, new.identifiable) then
                    return null;
                end if;
                if tg_op in ('UPDATE', 'DELETE') and {{string.Format(Counted, "old")}} then
                    update {{pairs}} as b set observations = b.observations - 1, sensitive = b.sensitive - {{string.Format(Sensitive, "old")}}
                    from {{PairsOf("old")}} as x
                    where b.tenant_id = old.tenant_id and b.quarter = {{string.Format(QuarterOf, "old")}} and b.p = x.p and b.q = x.q;
                    delete from {{pairs}} where tenant_id = old.tenant_id and quarter = {{string.Format(QuarterOf, "old")}} and observations <= 0;
                    -- The first and latest day of a quarter's pairs cannot be taken back by subtraction: count them again.
                    update {{pairs}} as b set first_day = r.first_day, latest_day = r.latest_day
                    from (select x.p, x.q, min(t.observed_on) as first_day, max(t.observed_on) as latest_day
                          from {{PairsOf("old")}} as x
                          join {{tally}} as t on t.tenant_id = old.tenant_id and cardinality(t.with_partners) > 0 and t.retracted_at is null
                              and t.observed_on >= {{string.Format(QuarterOf, "old")}} and t.observed_on < {{string.Format(QuarterOf, "old")}} + interval '3 months'
                              and x.p = any(t.partner_id || t.with_partners) and x.q = any(t.partner_id || t.with_partners)
                          group by x.p, x.q) as r
                    where b.tenant_id = old.tenant_id and b.quarter = {{string.Format(QuarterOf, "old")}} and b.p = r.p and b.q = r.q;
                end if;
                if tg_op in ('INSERT', 'UPDATE') and {{string.Format(Counted, "new")}} then
                    insert into {{pairs}} as b
                    select new.tenant_id, {{string.Format(QuarterOf, "new")}}, x.p, x.q, 1, {{string.Format(Sensitive, "new")}}, new.observed_on, new.observed_on
                    from {{PairsOf("new")}} as x
                    on conflict (tenant_id, quarter, p, q) do update set observations = b.observations + 1, sensitive = b.sensitive + excluded.sensitive,
                        first_day = least(b.first_day, excluded.first_day), latest_day = greatest(b.latest_day, excluded.latest_day);
                end if;
                return null;
            end $pairs$;
            {{Observations.TallyDerivedTable.Triggers(pairs, tally, "pairs")}}
            """;
    }

    public static string DropStatements(string tally) => Observations.TallyDerivedTable.Drop(TableOf(tally));

    /// <summary>
    /// Every pair's joint observations up to a day ($2) in one alliance ($1): whole quarters before that day's quarter
    /// from the pairs, the days of its own quarter from the tally.
    /// </summary>
    public static string UntilDay(string tally) => $"""
        with counted as (
            select b.p, b.q, b.observations, b.sensitive > 0 as sensitive, b.first_day, b.latest_day
            from {TableOf(tally)} as b
            where b.tenant_id = $1 and b.quarter < date_trunc('quarter', $2::date)::date
            union all
            select x.p, x.q, 1, t.scope = 'alliance' or t.identifiable, t.observed_on, t.observed_on
            from {tally} as t, lateral {PairsOf("t")} as x
            where t.tenant_id = $1 and cardinality(t.with_partners) > 0 and t.retracted_at is null
              and t.observed_on >= date_trunc('quarter', $2::date)::date and t.observed_on <= $2::date)
        select p, q, sum(observations)::int, bool_or(sensitive), min(first_day), max(latest_day)
        from counted
        group by p, q
        """;
}
