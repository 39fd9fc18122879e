using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;
using static ImpactJournal.Tests.Network.NetworkFormats;

namespace ImpactJournal.Tests.Observations;

/// <summary>
/// Amending corrects when, where, capitals and valence, and may narrow who may read an observation but never widen it.
/// Every version's words stay in its history for those who may read it, until consent is withdrawn.
/// </summary>
public sealed class when_amending_an_observation(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "amend-steward@example.org";
    private const string Partner = "amend-partner@example.org";
    private const string Commissioner = "amend-commissioner@example.org";

    private static string Observation(Guid allianceId, Guid id) => $"/api/alliances/{allianceId}/observations/{id}";

    [Fact]
    public async Task widening_who_may_read_it_is_refused_naming_the_field()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("amend");
        var id = await As(Partner).LogObservation(a, ObservationBuilder.Body(scope: "alliance", identifiable: true));

        var widened = await As(Partner).Post($"{Observation(a, id)}/amendments",
            new { text = "Wider, please", consent = new { scope = "commissioners" } }, expect: 400);
        Assert.Contains("fresh consent", widened!["errors"]!["consent.scope"]![0]!.GetValue<string>());
        var unrecognisable = await As(Partner).Post($"{Observation(a, id)}/amendments", new { consent = new { scope = "alliance", identifiable = false } }, expect: 400);
        Assert.NotNull(unrecognisable!["errors"]!["consent.identifiable"]);
        await As(Partner).Post($"{Observation(a, id)}/amendments", new { observedAt = DateTime.UtcNow.AddDays(3).ToString("O") }, expect: 400);

        var unchanged = (await As(Partner).Get(Observation(a, id)))!;
        Assert.Equal("alliance", unchanged["consent"]!["scope"]!.GetValue<string>());
        Assert.Equal("Three residents now volunteer on the Tuesday shift.", unchanged["text"]!.GetValue<string>());
        Assert.Single(unchanged["versions"]!.AsArray());
        await As(Commissioner).Get(Observation(a, id), expect: 404);
    }

    [Fact]
    public async Task the_history_gives_earlier_words_to_its_organisation_and_others_when_and_what_changed()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("amend2");
        var partner = "amend2-partner@example.org";
        var commissioner = "amend2-commissioner@example.org";
        var id = await As(partner).LogObservation(a, ObservationBuilder.Body(text: "Six came to the lunch club.", scope: "public",
            capitals: ["social"], valence: "mixed"));

        await As(partner).Post($"{Observation(a, id)}/amendments", new
        {
            text = "Sixteen came to the lunch club.", observedAt = "2025-01-15T12:30:00Z", place = "Ashworth Library",
            capitals = new[] { "social", "built" }, valence = "generative"
        }, expect: 200);
        await As(partner).Post($"{Observation(a, id)}/amendments", new { consent = new { scope = "commissioners" } }, expect: 200);

        var own = (await As(partner).Get(Observation(a, id)))!["versions"]!.AsArray();
        Assert.Equal(["Six came to the lunch club.", "Sixteen came to the lunch club.", "Sixteen came to the lunch club."],
            own.Select(v => v!["text"]!.GetValue<string>()));
        Assert.Equal(["Northfield", "Ashworth Library", "Ashworth Library"], own.Select(v => v!["place"]!.GetValue<string>()));

        // Other readers see when each version came and what changed; earlier versions' words only the last version's.
        var read = (await As(commissioner).Get(Observation(a, id)))!;
        var versions = read["versions"]!.AsArray();
        Assert.Equal([null, null, "Sixteen came to the lunch club."], versions.Select(v => v!["text"]?.GetValue<string>()));
        Assert.Equal([null, null, "Ashworth Library"], versions.Select(v => v!["place"]?.GetValue<string>()));
        Assert.DoesNotContain("Six came", read.ToJsonString());
        Assert.Equal(["2025-01-14T11:00:00+00:00", "2025-01-15T12:30:00+00:00"], versions.Take(2).Select(v => v!["observedAt"]!.GetValue<string>()));
        Assert.Equal(["mixed", "generative"], versions.Take(2).Select(v => v!["valence"]!.GetValue<string>()));
        Assert.Equal(["", "text,observedAt,place,capitals,valence", "consent.scope"],
            versions.Select(v => string.Join(",", v!["changed"]!.AsArray().Select(c => c!.GetValue<string>()))));
        Assert.Equal(["public", "public", "commissioners"], versions.Select(v => v!["scope"]!.GetValue<string>()));
        Assert.Equal(partner, versions[0]!["by"]!.GetValue<string>());

        // Narrowed to the alliance, the observation and every version of it are gone from the commissioner's reach.
        await As(partner).Post($"{Observation(a, id)}/amendments", new { consent = new { scope = "alliance" } }, expect: 200);
        await As(commissioner).Get(Observation(a, id), expect: 404);
        Assert.Equal(4, (await As(partner).Get(Observation(a, id)))!["versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task narrowing_to_the_alliance_takes_it_out_of_every_commissioners_read_at_once()
    {
        var (a, harbour) = await As(Steward).FormAllianceWithEveryRole("amend3");
        var foodhub = await As(Steward).AddPartner(a, "Foodhub", "community-group");
        var partner = "amend3-partner@example.org";
        var commissioner = "amend3-commissioner@example.org";
        var lastWeek = DateTime.UtcNow.AddDays(-7);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
            ids.Add(await As(partner).LogObservation(a, new
            {
                text = $"We ran the Saturday pantry together ({i}).", observedAt = lastWeek.ToString("yyyy-MM-ddTHH:mm:ssZ"), themes = new[] { "food" },
                capitals = new[] { "social" }, valence = "generative", consent = new { scope = "commissioners", identifiable = false },
                withPartners = new[] { foodhub }
            }));
        var review = (await As("amend3-facilitator@example.org").Post($"/api/alliances/{a}/learning-reviews", new
        {
            title = "This quarter", periodStart = lastWeek.AddDays(-30).ToString("yyyy-MM-dd"), periodEnd = DateTime.UtcNow.ToString("yyyy-MM-dd")
        })).Id();
        await CatchUpProjections();
        Assert.Equal(6, (await ReadsAsync(commissioner, a, review, harbour, foodhub)).Listed.Count);

        await As(partner).Post($"{Observation(a, ids[0])}/amendments", new { consent = new { scope = "alliance" } }, expect: 200);

        // Read before the projections catch up, and again after: the same for the commissioner, and all of it for the steward.
        foreach (var caughtUp in new[] { false, true })
        {
            if (caughtUp) await CatchUpProjections();
            var reads = await ReadsAsync(commissioner, a, review, harbour, foodhub);
            Assert.Equal(ids.Skip(1).Select(i => i.ToString()).Order(), reads.Listed.Order());
            Assert.Equal((5, 5, 5, 5, 5, 5), (reads.JointObservations, reads.GraphMlWeight, reads.KumuWeight, reads.ThisWeeksCount, reads.SocialCount, reads.SummaryCount));
            await As(commissioner).Get(Observation(a, ids[0]), expect: 404);
        }
        var forSteward = await ReadsAsync(Steward, a, review, harbour, foodhub);
        Assert.Equal((6, 6, 6), (forSteward.Listed.Count, forSteward.JointObservations, forSteward.SummaryCount));
    }

    private sealed record Reads(IReadOnlyList<string> Listed, int JointObservations, int GraphMlWeight, int KumuWeight, int ThisWeeksCount,
        int SocialCount, int SummaryCount);

    /// <summary>What one reader is told about the alliance's observations: its list, network, dashboard and review summary.</summary>
    private async Task<Reads> ReadsAsync(string reader, Guid a, Guid review, Guid harbour, Guid foodhub)
    {
        var listed = (await As(reader).Get($"/api/alliances/{a}/observations"))!.Ids().ToList();
        var network = await ReadAsync(As(reader), a);
        var dashboard = (await As(reader).Get("/api/dashboard"))!["alliances"]!.AsArray().Single(d => d!["id"]!.GetValue<Guid>() == a)!;
        var weeks = dashboard["observationsPerWeek"]!.AsArray();
        var summary = (await As(reader).Get($"/api/alliances/{a}/learning-reviews/{review}/summary"))!;
        return new Reads(listed, network.Edge(harbour, foodhub)!["jointObservations"]!.GetValue<int>(),
            int.Parse(network.GraphMlEdge(harbour, foodhub)!["weight"]),
            network.KumuConnection("Harbour Housing", "Foodhub")!["weight"]!.GetValue<int>(),
            weeks.Select(w => w!["count"]!).Where(c => c.GetValueKind() == System.Text.Json.JsonValueKind.Number).Sum(c => c.GetValue<int>()),
            dashboard["capitalBalance"]!["social"]!["observations"]!.GetValue<int>(),
            summary["activity"]!["observations"]!.GetValue<int>());
    }

    [Fact]
    public async Task withdrawing_consent_erases_every_versions_words_from_the_stored_events()
    {
        var marker = $"Quillon-{Guid.NewGuid():N}";
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("amend4");
        var partner = "amend4-partner@example.org";
        var id = await As(partner).LogObservation(a, new
        {
            text = $"{marker} found a flat.", observedAt = "2025-02-03T15:30:00Z", place = $"{marker} Street", themes = new[] { $"{marker} housing" },
            capitals = new[] { "built" }, valence = "generative", consent = new { scope = "commissioners", identifiable = true }
        });
        await As(partner).Post($"{Observation(a, id)}/amendments", new { text = $"{marker} found a flat and a job.", place = $"{marker} Road" }, expect: 200);
        await As(partner).Post($"{Observation(a, id)}/amendments", new { themes = new[] { $"{marker} work" }, consent = new { scope = "alliance" } }, expect: 200);
        await CatchUpProjections();
        Assert.Contains(await RawEvents.Of(Fixture, a), e => e.StreamId == id && e.Type == "observation_amended" && e.Data.ToJsonString().Contains($"{marker} Road"));

        await As(partner).Post($"{Observation(a, id)}/consent-withdrawal", null, expect: 200);
        await CatchUpProjections();

        var stored = (await RawEvents.Of(Fixture, a)).Where(e => e.StreamId == id).ToList();
        Assert.Equal(["observation_logged", "observation_amended", "observation_amended", "observation_consent_withdrawn"], stored.Select(e => e.Type));
        Assert.All(stored, e => Assert.DoesNotContain(marker, e.Data.ToJsonString()));
        Assert.Equal(0, await Fixture.RowsMentioning(marker));
        var remaining = (await As(partner).Get(Observation(a, id)))!;
        Assert.True(remaining["withdrawn"]!.GetValue<bool>());
        Assert.Null(remaining["versions"]);
    }
}
