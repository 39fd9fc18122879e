using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// PostgreSQL statistics on expressions over a document's JSON (<c>CREATE STATISTICS … ON (expr), (expr)</c>), created
/// with the schema. Without them the planner guesses each JSON condition (not retracted, not withdrawn, readable
/// scope) keeps half a percent of the rows, expects a list page to match almost nothing, and sorts an alliance's
/// whole journal instead of reading its index in order. Analyzes the table when created, so the figures exist at once.
/// </summary>
public sealed class ExpressionStatistics(string schema, string name, string table, params string[] expressions) : ISchemaObject
{
    private readonly PostgresqlObjectName _name = new(schema, name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General);

    public DbObjectName Identifier => _name;

    public IEnumerable<DbObjectName> AllNames() => [_name];

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine($"create statistics if not exists {_name.QualifiedName} on {string.Join(", ", expressions.Select(e => $"({e})"))} from {schema}.{table};");
        writer.WriteLine($"analyze {schema}.{table};");
    }

    public void WriteDropStatement(Migrator migrator, TextWriter writer) =>
        writer.WriteLine($"drop statistics if exists {_name.QualifiedName};");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder) =>
        builder.Append($"select count(*) from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace where n.nspname = '{schema}' and s.stxname = '{name}';");

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        await reader.ReadAsync(ct);
        return new RecreatingDelta(this, reader.GetInt64(0) > 0 ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }
}

/// <summary>A schema object of ours brought up to date by (re)creating it whole; rolled back by dropping it.</summary>
public sealed class RecreatingDelta(ISchemaObject schemaObject, SchemaPatchDifference difference) : ISchemaObjectDelta
{
    public ISchemaObject SchemaObject => schemaObject;
    public SchemaPatchDifference Difference => difference;
    public void WriteUpdate(Migrator migrator, TextWriter writer) => schemaObject.WriteCreateStatement(migrator, writer);
    public void WriteRollback(Migrator migrator, TextWriter writer) => schemaObject.WriteDropStatement(migrator, writer);
    public void WriteRestorationOfPreviousState(Migrator migrator, TextWriter writer) { }
}

/// <summary>
/// Expression statistics over a document type's table, named after it and what they are about
/// (<c>mt_doc_observation_visibility</c>), created after (and dropped with) that table.
/// </summary>
public sealed class DocumentStatistics<TDocument>(StoreOptions options, string about, params string[] expressions)
    : Weasel.Core.Migrations.FeatureSchemaBase($"{typeof(TDocument).Name}Statistics", options.Advanced.Migrator)
{
    public override Type StorageType => typeof(DocumentStatistics<TDocument>);

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        // Resolved here, not when configured: a new version of a projection renames its table (mt_doc_observation_2).
        var table = ((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(typeof(TDocument)).TableName;
        return [new ExpressionStatistics(table.Schema, $"{table.Name}_{about}", table.Name, expressions)];
    }

    public override IEnumerable<Type> DependentTypes() => [typeof(TDocument)];
}
