using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class when_adding_partners_imperatives_and_purpose(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "steward@example.org";

    [Fact]
    public async Task a_partner_is_listed_and_readable_at_its_location()
    {
        var allianceId = await As(Steward).FormAlliance();
        var (_, _, body, result) = await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/partners",
            """{"name":"Open Door Recovery CIC","kind":"social-enterprise"}""");

        var partner = await As(Steward).Get(result.Context.Response.Headers.Location.ToString());
        Assert.Equal("social-enterprise", partner!["kind"]!.GetValue<string>());
        var alliance = await As(Steward).Get($"/api/alliances/{allianceId}");
        Assert.Equal("Open Door Recovery CIC", alliance!["partners"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(partner["id"]!.GetValue<string>(), body);
    }

    [Fact]
    public async Task a_partner_retry_is_safe_and_a_changed_retry_conflicts()
    {
        var allianceId = await As(Steward).FormAlliance();
        var id = Guid.NewGuid();
        await As(Steward).Post($"/api/alliances/{allianceId}/partners", new { id, name = "Mind", kind = "vcse" });
        await As(Steward).Post($"/api/alliances/{allianceId}/partners", new { id, name = "Mind", kind = "vcse" }, expect: 200);
        await As(Steward).Post($"/api/alliances/{allianceId}/partners", new { id, name = "Mind", kind = "health" }, expect: 409);

        var alliance = await As(Steward).Get($"/api/alliances/{allianceId}");
        Assert.Single(alliance!["partners"]!.AsArray());
    }

    [Fact]
    public async Task a_partner_needs_a_known_kind()
    {
        var allianceId = await As(Steward).FormAlliance();
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/partners",
            """{"name":"Acme","kind":"multinational"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"kind\"", body);
    }

    [Fact]
    public async Task revising_the_purpose_appends_a_revision_and_an_unchanged_purpose_appends_nothing()
    {
        var allianceId = await As(Steward).FormAlliance();

        var revised = await As(Steward).Put($"/api/alliances/{allianceId}/purpose", new { sharedPurpose = "Everyone eats well" });
        Assert.Equal(2, revised!["revision"]!.GetValue<int>());
        await As(Steward).Put($"/api/alliances/{allianceId}/purpose", new { sharedPurpose = "Everyone eats well" });

        var alliance = await As(Steward).Get($"/api/alliances/{allianceId}");
        Assert.Equal("Everyone eats well", alliance!["sharedPurpose"]!.GetValue<string>());
        await using var session = Store.QuerySession(allianceId.ToString());
        Assert.Equal(2, (await session.Events.FetchStreamAsync(allianceId)).Count);

        var revisions = (await As(Steward).Get($"/api/alliances/{allianceId}/purpose/revisions"))!.AsArray();
        Assert.Equal([1, 2], revisions.Select(r => r!["revision"]!.GetValue<int>()));
        Assert.Equal("Everyone eats well", revisions[1]!["sharedPurpose"]!.GetValue<string>());
        Assert.Equal(Steward, revisions[1]!["revisedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_empty_purpose_is_rejected()
    {
        var allianceId = await As(Steward).FormAlliance();
        await As(Steward).Put($"/api/alliances/{allianceId}/purpose", new { sharedPurpose = "  " }, expect: 400);
    }

    [Fact]
    public async Task imperatives_are_kept_in_order_and_retries_are_safe()
    {
        var allianceId = await As(Steward).FormAlliance();
        var first = Guid.NewGuid();
        await As(Steward).Post($"/api/alliances/{allianceId}/imperatives", new { id = first, text = "Open-book accounting" });
        await As(Steward).Post($"/api/alliances/{allianceId}/imperatives", new { id = first, text = "Open-book accounting" }, expect: 200);
        await As(Steward).Post($"/api/alliances/{allianceId}/imperatives", new { id = first, text = "Closed books" }, expect: 409);
        await As(Steward).Post($"/api/alliances/{allianceId}/imperatives", new { text = "No partner is penalised for sharing a failure" });

        var alliance = await As(Steward).Get($"/api/alliances/{allianceId}");
        var texts = alliance!["imperatives"]!.AsArray().Select(i => i!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Open-book accounting", "No partner is penalised for sharing a failure"], texts);
        await As(Steward).Get($"/api/alliances/{allianceId}/imperatives/{first}");
    }
}
