using System.Net.Sockets;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Recognises the database being unreachable (refused or dropped connections, a server shutting down
/// or starting up, a pool timed out waiting for one), as opposed to a bug: requests then answer 503
/// with Retry-After, and the outage is logged once as a warning rather than as an error per request.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger, TimeProvider clock)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(60);
    private long _lastReportedTicks;

    public static bool IsOutage(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException postgres:
                    // Class 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException when ex.Message.Contains("connection", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Logs the outage as a warning at most once a minute; the other requests that meet it are debug detail.</summary>
    public void Report(Exception ex)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastReportedTicks);
        if (now - last >= QuietFor.Ticks && Interlocked.CompareExchange(ref _lastReportedTicks, now, last) == last)
            logger.LogWarning("The database is unreachable ({Reason}); requests answer 503 until it is back", Innermost(ex).Message);
        else
            logger.LogDebug("Request met the database outage: {Reason}", Innermost(ex).Message);
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
