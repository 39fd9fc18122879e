using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

public sealed class when_holding_mapping_sessions(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "rms-steward@example.org";
    private const string Partner = "rms-partner@example.org";
    private const string Facilitator = "rms-facilitator@example.org";
    private const string Commissioner = "rms-commissioner@example.org";

    [Fact]
    public async Task a_session_records_a_head_count_the_roles_present_and_the_partners_never_names()
    {
        var (a, partnerId) = await As(Steward).FormAllianceWithEveryRole("rms");
        var m = await As(Facilitator).StartMap(a);
        var sessions = $"{MapBuilder.Map(a, m)}/sessions";
        var id = Guid.NewGuid();
        var body = new { id, title = "Spring mapping", heldOn = "2025-04-22", participants = new { count = 14, roles = new[] { "residents", "volunteers" } }, partners = new[] { partnerId } };

        await As(Facilitator).Post(sessions, body, expect: 201);
        await As(Facilitator).Post(sessions, body, expect: 200);
        await As(Facilitator).Post(sessions, body with { title = "Other" }, expect: 409);

        var held = (await As(Commissioner).Get($"{sessions}/{id}"))!;
        Assert.Equal(14, held["participants"]!["count"]!.GetValue<int>());
        Assert.Equal(["residents", "volunteers"], held["participants"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(partnerId.ToString(), held["partners"]!.AsArray().Single()!.GetValue<string>());
        Assert.Single((await As(Commissioner).Get(sessions))!.AsArray());
    }

    [Fact]
    public async Task names_counts_out_of_range_and_strangers_to_the_alliance_are_refused()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("rms");
        var m = await As(Facilitator).StartMap(a);
        var sessions = $"{MapBuilder.Map(a, m)}/sessions";

        var names = await As(Facilitator).Post(sessions, new { title = "t", heldOn = "2025-04-22", participants = new[] { "Amina", "Joe" } }, expect: 400);
        Assert.Contains("participants", names!.ToString());
        var zero = await As(Facilitator).Post(sessions, new { title = "t", heldOn = "2025-04-22", participants = new { count = 0, roles = Array.Empty<string>() } }, expect: 400);
        Assert.Contains("participants.count", zero!.ToString());
        var stranger = await As(Facilitator).Post(sessions, new { title = "t", heldOn = "2025-04-22", partners = new[] { Guid.NewGuid() } }, expect: 400);
        Assert.Contains("not a partner of this alliance", stranger!.ToString());
        await As(Partner).Post(sessions, new { title = "t", heldOn = "2025-04-22" }, expect: 403);
        Assert.Empty((await As(Commissioner).Get(sessions))!.AsArray());
    }

    [Fact]
    public async Task sessions_recorded_with_names_read_as_their_count_and_the_names_leave_the_event_store()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("rms");
        var m = await As(Facilitator).StartMap(a);
        var legacy = Guid.NewGuid();
        await using (var session = Store.LightweightSession(a.ToString()))
        {
            session.Events.Append(m, new MappingSessionScheduled(legacy, "Before v1.1", new DateOnly(2024, 9, 3),
                Participants: ["Amina Yusuf", "Joe Bloggs", "Maggie"]));
            await session.SaveChangesAsync();
        }

        var held = (await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/sessions/{legacy}"))!;
        Assert.Equal(3, held["participants"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain("Amina", held.ToJsonString());

        var masker = ActivatorUtilities.CreateInstance<LegacySessionNames>(Host.Services);
        Assert.Equal(1, await masker.MaskAsync(CancellationToken.None));
        Assert.Equal(0, await masker.MaskAsync(CancellationToken.None));
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand($"select string_agg(data::text, ' ') from {Store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = $1");
        command.Parameters.AddWithValue(m);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("Amina", stored);
        Assert.Contains("\"participantCount\":3", stored.Replace(" ", ""));
        Assert.Equal(3, (await As(Commissioner).Get($"{MapBuilder.Map(a, m)}/sessions/{legacy}"))!["participants"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ripples_count_on_the_day_of_their_session_not_the_day_they_were_typed_up()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("rms");
        var m = await As(Facilitator).StartMap(a);
        var spring = await As(Facilitator).ScheduleSession(a, m, heldOn: "2025-04-22");
        await As(Partner).AddRipple(a, m, "Volunteers trained", ["human"], [m], sessionId: spring);
        await As(Partner).AddRipple(a, m, "Typed up outside a session", ["social"], [m]);
        var reviews = $"/api/alliances/{a}/learning-reviews";
        var april = (await As(Steward).Post(reviews, new { title = "Spring 2025", periodStart = "2025-04-01", periodEnd = "2025-06-30" })).Id();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = (await As(Steward).Post(reviews, new { title = "This month", periodStart = today.AddDays(-7).ToString("yyyy-MM-dd"), periodEnd = today.ToString("yyyy-MM-dd") })).Id();

        Assert.Equal(1, (await As(Commissioner).Get($"{reviews}/{april}/summary"))!["ripples"]!["added"]!.GetValue<int>());
        Assert.Equal(1, (await As(Commissioner).Get($"{reviews}/{now}/summary"))!["ripples"]!["added"]!.GetValue<int>());
        var growth = (await As(Commissioner).Get("/api/dashboard"))!["alliances"]!.AsArray().Single()!["rippleMapGrowth"]!.AsArray();
        Assert.Equal(1, growth.Single(g => g!["month"]!.GetValue<string>() == "2025-04")!["added"]!.GetValue<int>());
    }
}
