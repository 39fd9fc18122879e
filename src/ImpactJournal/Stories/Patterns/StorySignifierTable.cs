using System.Data.Common;
using ImpactJournal.Infrastructure;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;

namespace ImpactJournal.Stories.Patterns;

/// <summary>
/// <c>story_signifiers</c> beside the stories' document table: one narrow row per story that is not withdrawn, holding
/// only what a pattern is drawn from and filtered by (day, teller role, domain, themes, consent, selected, framework
/// version and the signifier values as plain arrays), so the pattern of twenty thousand stories is read from a few small
/// columns instead of parsing every story with its narrative. A trigger on the stories' read model keeps it in the same
/// transaction (rebuilds, consent withdrawal and data resets included), as <c>observation_tally</c> does for observations.
/// </summary>
public sealed class StorySignifierTable(DbObjectName documentTable) : ISchemaObject
{
    private const string Revision = "story_signifiers r3";
    private readonly string documents = documentTable.QualifiedName;
    private readonly PostgresqlObjectName _table = TableOf(documentTable);
    private readonly TriggerKeptTable kept = new(documentTable.QualifiedName, TableOf(documentTable).QualifiedName, "signifiers", Revision);

    private static PostgresqlObjectName TableOf(DbObjectName documentTable) =>
        new(documentTable.Schema, $"{documentTable.Name.Replace("mt_doc_", "")}_signifiers", SchemaUtils.IdentifierUsage.General);

    public static DbObjectName DocumentTable(IReadOnlyStoreOptions options) => options.FindOrResolveDocumentType(typeof(Story)).TableName;

    /// <summary>The table the patterns of this store's stories are read from.</summary>
    public static string TableFor(IReadOnlyStoreOptions options) => TableOf(DocumentTable(options)).QualifiedName;

    public DbObjectName Identifier => _table;

    public IEnumerable<DbObjectName> AllNames() => [_table];

    private const string Columns = """
        tenant_id varchar not null, id uuid not null, told_on date not null, teller_role text, domain text,
        themes text[] not null, scope text, identifiable boolean not null, expires_on date, selected boolean not null, framework_version int,
        triad_keys text[] not null, triad_weights float8[] not null, dyad_keys text[] not null, dyad_values float8[] not null,
        choices text[] not null, role_key text, domain_key text
        """;

    private const string ColumnNames = """
        told_on, teller_role, domain, themes, scope, identifiable, expires_on, selected, framework_version,
        triad_keys, triad_weights, dyad_keys, dyad_values, choices, role_key, domain_key
        """;

    // Keys in one order for every array: a triad's three weights follow each other in its key's place.
    private static string RowOf(string data) => $"""
        ({data} ->> 'toldOn')::date,
        {data} ->> 'tellerRole',
        {data} ->> 'domainOfChange',
        array(select jsonb_array_elements_text(coalesce({data} -> 'themes', '[]'::jsonb))),
        lower({data} -> 'consent' ->> 'scope'),
        coalesce(({data} -> 'consent' ->> 'identifiable')::boolean, false),
        ({data} -> 'consent' ->> 'expiresOn')::date,
        coalesce(jsonb_array_length({data} -> 'selections'), 0) > 0,
        ({data} ->> 'frameworkVersion')::int,
        array(select t.key from jsonb_each(coalesce({data} -> 'signifiers' -> 'triads', jsonb_build_object())) as t order by t.key),
        array(select w.value::float8 from jsonb_each(coalesce({data} -> 'signifiers' -> 'triads', jsonb_build_object())) as t,
              jsonb_array_elements_text(t.value) with ordinality as w(value, n) order by t.key, w.n),
        array(select d.key from jsonb_each(coalesce({data} -> 'signifiers' -> 'dyads', jsonb_build_object())) as d order by d.key),
        array(select d.value::float8 from jsonb_each_text(coalesce({data} -> 'signifiers' -> 'dyads', jsonb_build_object())) as d order by d.key),
        array(select c.key || '=' || c.value from jsonb_each_text(coalesce({data} -> 'signifiers' -> 'choices', jsonb_build_object())) as c order by c.key),
        lower(trim({data} ->> 'tellerRole')),
        lower(trim({data} ->> 'domainOfChange'))
        """;

    // The filters' columns are indexed (role and domain as they compare, without case or surrounding spaces; answers with
    // GIN for "@>"), so a group is read from the rows it holds, not from a pass over the alliance's. The themed rows'
    // index serves the codebook, which reads only stories with themes.
    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        WriteDrop(writer);
        writer.WriteLine($"""
            create table {_table.QualifiedName} ({Columns}, primary key (tenant_id, id));
            insert into {_table.QualifiedName} select d.tenant_id, d.id, r.* from {documents} as d, lateral (select {RowOf("d.data")}) as r
                where d.data ->> 'withdrawnAt' is null;
            create index {_table.Name}_by_day on {_table.QualifiedName} (tenant_id, told_on);
            create index {_table.Name}_by_role on {_table.QualifiedName} (tenant_id, role_key);
            create index {_table.Name}_by_domain on {_table.QualifiedName} (tenant_id, domain_key);
            create index {_table.Name}_by_answer on {_table.QualifiedName} using gin (choices);
            create index {_table.Name}_themed on {_table.QualifiedName} (tenant_id) include (themes) where cardinality(themes) > 0;
            analyze {_table.QualifiedName};
            {kept.KeepStatements(ColumnNames, RowOf("new.data"), dropWhen: "new.data ->> 'withdrawnAt' is not null")}
            """);
    }

    public void WriteDropStatement(Migrator migrator, TextWriter writer) => WriteDrop(writer);

    private void WriteDrop(TextWriter writer) => writer.WriteLine(kept.DropStatements());

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder) => builder.Append(kept.CheckStatement);

    public Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) => TriggerKeptTable.DeltaAsync(this, reader, ct);
}
/// <summary>The signifier table, created after (and dropped with) the stories' document table its trigger sits on.</summary>
public sealed class StorySignifierFeature(StoreOptions options)
    : Weasel.Core.Migrations.FeatureSchemaBase("StorySignifiers", options.Advanced.Migrator)
{
    public override Type StorageType => typeof(StorySignifierFeature);

    protected override IEnumerable<ISchemaObject> schemaObjects() => [new StorySignifierTable(StorySignifierTable.DocumentTable(options))];

    public override IEnumerable<Type> DependentTypes() => [typeof(Story)];
}
