using System.Net.Sockets;
using Npgsql;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Recognises the database being unreachable (refused or dropped connections, a server shutting down
/// or starting up, a pool timed out waiting for one), as opposed to a bug: requests then answer 503
/// with Retry-After, and <see cref="OutageAwareLogging"/> keeps the log to one warning a minute.
/// </summary>
public static class DatabaseOutage
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

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
}
