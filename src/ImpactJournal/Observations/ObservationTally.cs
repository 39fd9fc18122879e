using System.Data.Common;
using ImpactJournal.Infrastructure;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;

namespace ImpactJournal.Observations;

/// <summary>
/// <c>observation_tally</c> beside the observations' document table (a new version of the projection has its own):
/// one narrow row per observation holding only what counts are made of (day, partner,
/// themes, capitals, consent, logged and retracted moments, the other partners involved), so a quarter of a large alliance is counted from a few
/// small columns, indexed by alliance and day, instead of parsing tens of thousands of JSON documents.
/// A trigger on the observations' read model keeps it: every insert, update, delete or truncate of an observation
/// document changes its row in the same transaction, so the tally can never disagree with the documents (rebuilds,
/// consent erasure and data resets included). Created with the schema and filled from the documents already stored;
/// a changed definition (<see cref="Revision"/>) is dropped and recreated by <c>db-apply</c>.
/// </summary>
public sealed class ObservationTally(DbObjectName documentTable) : ISchemaObject
{
    private const string Revision = "observation_tally r6";
    private readonly string schema = documentTable.Schema;
    private readonly string documents = documentTable.QualifiedName;
    private readonly PostgresqlObjectName _table = TableOf(documentTable);
    private readonly TriggerKeptTable kept = new(documentTable.QualifiedName, TableOf(documentTable).QualifiedName, "tally", Revision);
    private const string KeptColumns = "observed_on, partner_id, themes, capitals, identifiable, scope, expires_on, logged_at, retracted_at, with_partners";

    // observation_tally beside mt_doc_observation, observation_2_tally beside mt_doc_observation_2.
    private static PostgresqlObjectName TableOf(DbObjectName documentTable) =>
        new(documentTable.Schema, $"{documentTable.Name.Replace("mt_doc_", "")}_tally", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General);

    /// <summary>The tally of the observation documents this store reads.</summary>
    public static string TableFor(IReadOnlyStoreOptions options) => TableOf(DocumentTable(options)).QualifiedName;

    public static DbObjectName DocumentTable(IReadOnlyStoreOptions options) => options.FindOrResolveDocumentType(typeof(Observation)).TableName;

    public DbObjectName Identifier => _table;

    public IEnumerable<DbObjectName> AllNames() => [_table];

    /// <summary>The tally's columns: what <see cref="ObservationTallyRows"/> writes, in this order.</summary>
    public const string Columns = """
        tenant_id varchar not null, id uuid not null,
        observed_on date not null, partner_id uuid, themes text[] not null, capitals text[] not null,
        identifiable boolean not null, scope text, expires_on date, logged_at timestamptz, retracted_at timestamptz,
        with_partners uuid[] not null
        """;

    // One document's row; ObservationTallyRows computes the same from the Observation itself.
    private string RowOf(string data) => $"""
        (({schema}.mt_immutable_timestamptz({data} ->> 'observedAt')) at time zone 'UTC')::date,
         ({data} ->> 'partnerId')::uuid,
         array(select jsonb_array_elements_text({data} -> 'themes')),
         array(select jsonb_array_elements_text({data} -> 'capitals')),
         coalesce(({data} -> 'consent' ->> 'identifiable')::boolean, false),
         lower({data} -> 'consent' ->> 'scope'),
         ({data} -> 'consent' ->> 'expiresOn')::date,
         ({data} ->> 'loggedAt')::timestamptz,
         ({data} -> 'retraction' ->> 'at')::timestamptz,
         array(select jsonb_array_elements_text(coalesce({data} -> 'withPartners', '[]'::jsonb)))::uuid[]
        """;

    // Documents stored before their moments had columns of their own (db-apply adds them empty) get them first.
    public void WriteCreateStatement(Migrator migrator, TextWriter writer) => WriteCreate(writer, $"""
        update {documents} set observed_at_utc = {schema}.mt_immutable_timestamptz(data ->> 'observedAt'),
            logged_at_utc = {schema}.mt_immutable_timestamptz(data ->> 'loggedAt')
        where observed_at_utc is null or logged_at_utc is null;
        create table {_table.QualifiedName} ({Columns}, primary key (tenant_id, id));
        insert into {_table.QualifiedName} select d.tenant_id, d.id, r.* from {documents} as d, lateral (select {RowOf("d.data")}) as r;
        """);

    /// <summary>The tally's name in another schema, where a rebuild counts its rows.</summary>
    public string StagedIn(string stagingSchema) => $"{stagingSchema}.{_table.Name}";

    /// <summary>
    /// What a rebuild builds over the tally's rows counted in a staging schema before it moves them into place: its
    /// key's index, its indexes and the tables kept from it. Each may run beside the others (and beside other work).
    /// </summary>
    public IReadOnlyList<string> StagedBuilds(string stagingSchema)
    {
        var staged = StagedIn(stagingSchema);
        // The weeks first, counted once the tally's statistics are gathered (without them PostgreSQL sorts a region's
        // rows to group them rather than hashing them, three times as long) and in memory (the default work_mem hashes
        // them on disk, twice as long); the pairs last, as they need the statistics too.
        return [$"analyze {staged}; begin; set local work_mem = '64MB'; {ObservationWeeks.FillStatements(staged)} commit;", .. Indexes(staged),
            $"create unique index {_table.Name}_pkey on {staged} (tenant_id, id)", Network.JointPairs.FillStatements(staged)];
    }

    /// <summary>Puts the tally and the tables kept from it, built in a staging schema by <see cref="StagedBuilds"/>, in place of the old ones.</summary>
    public string ReplaceStatementsFrom(string stagingSchema)
    {
        var staged = StagedIn(stagingSchema);
        var writer = new StringWriter();
        WriteDrop(writer);
        writer.WriteLine($"""
            alter table {staged} set schema {schema};
            alter table {ObservationWeeks.TableOf(staged)} set schema {schema};
            alter table {Network.JointPairs.TableOf(staged)} set schema {schema};
            alter table {_table.QualifiedName} add constraint {_table.Name}_pkey primary key using index {_table.Name}_pkey;
            {KeepStatements()}
            """);
        return writer.ToString();
    }

    private void WriteCreate(TextWriter writer, string filledTable)
    {
        WriteDrop(writer);
        writer.WriteLine($"""
            {filledTable}
            {string.Join("\n", Indexes(_table.QualifiedName).Select(i => i + ";"))}
            analyze {_table.QualifiedName};
            {ObservationWeeks.FillStatements(_table.QualifiedName)}
            {Network.JointPairs.FillStatements(_table.QualifiedName)}
            {KeepStatements()}
            """);
    }

    // Built over the filled table, which costs less than keeping them while it fills.
    private IEnumerable<string> Indexes(string table) =>
    [
        $"""
        create index {_table.Name}_by_day on {table} (tenant_id, observed_on)
            include (partner_id, themes, capitals, identifiable, scope, expires_on, logged_at, retracted_at)
        """,
        $"""
        create index {_table.Name}_joint on {table} (tenant_id, observed_on)
            include (partner_id, with_partners, identifiable, scope, expires_on, retracted_at)
            where cardinality(with_partners) > 0
        """
    ];

    /// <summary>The triggers that keep the tally from the documents, and the tables kept from the tally.</summary>
    private string KeepStatements()
    {
        return $"""
            {kept.KeepStatements(KeptColumns, RowOf("new.data"))}
            {Network.JointPairs.KeepStatements(_table.QualifiedName)}
            {ObservationWeeks.KeepStatements(_table.QualifiedName)}
            """;
    }

    public void WriteDropStatement(Migrator migrator, TextWriter writer) => WriteDrop(writer);

    private void WriteDrop(TextWriter writer) => writer.WriteLine($"""
        {kept.DropStatements()}
        {Network.JointPairs.DropStatements(_table.QualifiedName)}
        {ObservationWeeks.DropStatements(_table.QualifiedName)}
        """);

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder) => builder.Append(kept.CheckStatement);

    public Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) => TriggerKeptTable.DeltaAsync(this, reader, ct);
}

/// <summary>The tally, created after (and dropped with) the observations' document table its trigger sits on.</summary>
public sealed class ObservationTallyFeature(StoreOptions options)
    : Weasel.Core.Migrations.FeatureSchemaBase("ObservationTally", options.Advanced.Migrator)
{
    public override Type StorageType => typeof(ObservationTallyFeature);

    protected override IEnumerable<ISchemaObject> schemaObjects() => [new ObservationTally(ObservationTally.DocumentTable(options))];

    public override IEnumerable<Type> DependentTypes() => [typeof(Observation)];
}
