using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// Two service processes, A and B, on one PostgreSQL database (a cluster of the tests' own), each naming
/// itself to PostgreSQL so a test can see which one holds the async daemon's leadership lock. A starts
/// first and so leads; B waits as the hot standby.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Schema = "pair";
    public const string Steward = "pair-steward@example.org";
    public const string Partner = "pair-partner@example.org";
    public const string Facilitator = "pair-facilitator@example.org";

    private PrivateCluster _cluster = null!;

    public ServiceProcess A { get; private set; } = null!;
    public ServiceProcess B { get; private set; } = null!;
    public Guid AllianceId { get; private set; }
    public Guid PartnerId { get; private set; }

    public string ConnectionString => _cluster.ConnectionString;

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.StartAsync();
        A = Instance("instance-a");
        B = Instance("instance-b");
        await A.ApplySchemaAsync();
        await A.StartAsync();
        await WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        await B.StartAsync();

        using var steward = new ServiceClient(A.Address, Steward);
        AllianceId = (await steward.Post("/api/alliances", AllianceBuilder.FormBody(name: "Two instances alliance"))).Id();
        PartnerId = (await steward.Post($"/api/alliances/{AllianceId}/partners", new { name = "Harbour Housing", kind = "vcse" })).Id();
        await steward.Post($"/api/alliances/{AllianceId}/members", new { subject = Partner, displayName = "Partner", role = "partner", partnerId = PartnerId });
        await steward.Post($"/api/alliances/{AllianceId}/members", new { subject = Facilitator, displayName = "Facilitator", role = "facilitator" });
    }

    private ServiceProcess Instance(string name) =>
        new($"{_cluster.ConnectionString};Application Name={name}", Schema,
            new Dictionary<string, string> { ["Projections:FastPollingMilliseconds"] = "250", ["Projections:LagPollMilliseconds"] = "250" });

    /// <summary>
    /// The instances holding the async daemon's leadership locks now: Marten takes a session advisory lock per
    /// projection set on a connection of the service's own data source (Wolverine's locks use connections named
    /// after Wolverine, so they are not counted).
    /// </summary>
    public async Task<List<string>> LeadersAsync()
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select distinct a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
            "where l.locktype = 'advisory' and l.granted and a.application_name like 'instance-%' order by 1", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    public async Task<string> WaitForLeaderAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await LeadersAsync() is [var leader]) return leader;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No single daemon leader within {within.TotalSeconds} s: [{string.Join(", ", await LeadersAsync())}]");
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
