using Marten;
using Marten.Services;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// What Marten reports about its commands, as an operator needs it: failures the service expects and
/// answers correctly (an id already used, which is how a safe retry is recognised; a concurrent change
/// answered 409; the database being unreachable, answered 503 and reported once by the error handler)
/// are debug detail, not errors. Unexpected failures are errors. Parameter values are never logged:
/// they hold what people wrote.
/// </summary>
public sealed class JournalMartenLogger(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Schema change applied: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(command.CommandText, ex);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failed(string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)), ex);

    public void LogFailure(Exception ex, string message) => Failed(message, ex);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Failed(string what, Exception ex)
    {
        if (IsExpected(ex)) logger.LogDebug("Marten command failed as the service expects ({Reason}): {Command}", Reason(ex), what);
        else logger.LogError(ex, "Marten command failed: {Command}", what);
    }

    /// <summary>Failures the service turns into a correct answer (200 for a retry, 409, 503).</summary>
    public static bool IsExpected(Exception ex) => ex switch
    {
        // MT003: Marten's "stream version mismatch", a concurrent append answered 409.
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or "MT003" } => true,
        _ => DatabaseOutage.IsOutage(ex)
    };

    private static string Reason(Exception ex) => ex is PostgresException postgres ? postgres.SqlState : ex.GetType().Name;
}
