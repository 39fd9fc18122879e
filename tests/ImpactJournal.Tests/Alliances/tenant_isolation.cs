using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class tenant_isolation(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task ids_of_another_alliance_answer_404_even_to_a_steward_of_both()
    {
        var steward = As("both@example.org");
        var northfield = await steward.FormAlliance("Northfield");
        var southside = await steward.FormAlliance("Southside");
        var northPartner = await steward.AddPartner(northfield, "North Partner");
        var imperative = await steward.Post($"/api/alliances/{northfield}/imperatives", new { text = "Share failures" });
        var imperativeId = imperative!["id"]!.GetValue<string>();

        await steward.Get($"/api/alliances/{southside}/partners/{northPartner}", expect: 404);
        await steward.Get($"/api/alliances/{southside}/imperatives/{imperativeId}", expect: 404);
        await steward.Post($"/api/alliances/{southside}/members",
            new { subject = "p@example.org", displayName = "P", role = "partner", partnerId = northPartner }, expect: 400);
    }

    [Fact]
    public async Task a_member_of_one_alliance_sees_nothing_of_another()
    {
        var north = await As("north-steward@example.org").FormAlliance("North");
        var south = await As("south-steward@example.org").FormAlliance("South");

        await As("north-steward@example.org").Get($"/api/alliances/{south}", expect: 404);
        var mine = await As("north-steward@example.org").Get("/api/alliances");
        var ids = mine!["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([north.ToString()], ids);
    }

    [Fact]
    public async Task the_list_of_my_alliances_is_paged()
    {
        var steward = As("busy@example.org");
        foreach (var name in new[] { "Alpha", "Bravo", "Charlie" }) await steward.FormAlliance(name);

        var first = await steward.Get("/api/alliances?limit=2");
        Assert.Equal(2, first!["items"]!.AsArray().Count);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await steward.Get($"/api/alliances?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal("Charlie", second!["items"]![0]!["name"]!.GetValue<string>());
        Assert.Null(second["nextCursor"]);

        await steward.Get("/api/alliances?limit=0", expect: 400);
        await steward.Get("/api/alliances?limit=501", expect: 400);
        await steward.Get("/api/alliances?cursor=forged", expect: 400);
    }
}
