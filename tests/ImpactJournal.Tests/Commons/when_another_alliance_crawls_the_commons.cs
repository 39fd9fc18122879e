using System.Net;
using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using ImpactJournal.Tests.UseCases;
using Xunit;

namespace ImpactJournal.Tests.Commons;

/// <summary>
/// A member of another alliance follows every link of the commons, its pages and its API, from the search: nothing that
/// comes back holds anything the publishing alliance did not publish — an unpublished map, a story kept for commissioners,
/// one someone could be recognised from, one taken out again, an open review, the partners' names it did not allow, its
/// shared purpose, an observation.
/// </summary>
public sealed partial class when_another_alliance_crawls_the_commons(AppFixture fixture) : IntegrationContext(fixture)
{
    private const int MostAddresses = 500;

    [GeneratedRegex("href=\"([^\"#]+)|src=\"([^\"#]+)")]
    private static partial Regex PageLinks();

    [GeneratedRegex("\"(/api/commons[^\"]*)\"")]
    private static partial Regex ApiLinks();

    [Fact]
    public async Task nothing_unpublished_is_found()
    {
        var steward = As("crawl-steward@example.org");
        var alliance = await steward.FormAlliance("Crawled alliance");
        var partner = await steward.AddPartner(alliance, "Secret Partner Housing", "vcse");
        await steward.AddMember(alliance, "crawl-partner@example.org", "partner", partner);
        var teller = As("crawl-partner@example.org");
        await steward.Put($"/api/alliances/{alliance}/commons/profile",
            new { name = "Crawled alliance", about = "What we choose to say.", collaborationModel = "relational-contract", showPartnerNames = false });

        var shared = await steward.StartMap(alliance, "Shared map focus");
        await teller.AddRipple(alliance, shared, "Shared ripple", ["social"], [shared]);
        await steward.Post($"/api/alliances/{alliance}/commons/publications", new { kind = "map", id = shared });
        var secrets = new List<string> { "Secret Partner Housing", "Nobody in Northfield goes hungry" };

        var unpublished = await steward.StartMap(alliance, "Secret unpublished map focus");
        await teller.AddRipple(alliance, unpublished, "Secret unpublished ripple", ["social"], [unpublished]);
        secrets.AddRange(["Secret unpublished map focus", "Secret unpublished ripple", unpublished.ToString()]);
        async Task<Guid> Story(string words, string scope, bool identifiable) => (await teller.Post($"/api/alliances/{alliance}/stories", new
        {
            title = words, narrative = $"{words}, told in full.", tellerRole = "resident", toldOn = "2026-03-01", consent = new { scope, identifiable }
        })).Id();
        var forCommissioners = await Story("Secret story for commissioners", "commissioners", false);
        var recognisable = await Story("Secret recognisable story", "public", true);
        var takenOut = await Story("Secret story taken out", "public", false);
        var item = (await steward.Post($"/api/alliances/{alliance}/commons/publications", new { kind = "story", id = takenOut })).Id();
        await steward.Delete($"/api/alliances/{alliance}/commons/publications/{item}");
        secrets.AddRange(["Secret story for commissioners", "Secret recognisable story", "Secret story taken out", forCommissioners.ToString(),
            recognisable.ToString(), takenOut.ToString(), item.ToString()]);
        await steward.Post($"/api/alliances/{alliance}/learning-reviews", new
        { title = "Secret open review", periodStart = "2026-03-01", periodEnd = "2026-05-31", questions = new[] { "What surprised us?" } });
        await teller.LogObservation(alliance, ObservationBuilder.Body(text: "Secret observation words"));
        secrets.AddRange(["Secret open review", "Secret observation words"]);

        // The reader: a member of another alliance, at its pages (signed in) and at the API (a bearer token).
        var readersAlliance = await As(DemoPeople.Steward).FormAlliance("The reader's own alliance");
        await As(DemoPeople.Steward).AddMember(readersAlliance, DemoPeople.Commissioner, "commissioner");
        using var pages = await PageVisitor.SignInAsync(Host, DemoPeople.Commissioner);
        var api = As(DemoPeople.Commissioner);

        var seen = new HashSet<string> { "/commons", "/api/commons" };
        var waiting = new Queue<string>(seen);
        var found = new List<string>();
        while (waiting.TryDequeue(out var address))
        {
            string text;
            if (address.StartsWith("/api/"))
            {
                var answer = await api.SendRaw(HttpMethod.Get, address, null);
                Assert.Equal(200, answer.Status);
                text = answer.Body;
            }
            else
            {
                var (status, html) = await pages.GetAsync(address);
                Assert.Equal(200, status);
                text = WebUtility.HtmlDecode(html);
            }
            foreach (var secret in secrets) Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{address} holds “{secret}”");
            found.Add(address);

            var links = PageLinks().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                .Concat(ApiLinks().Matches(text).Select(m => m.Groups[1].Value));
            foreach (var link in links)
            {
                if (!(link.StartsWith("/commons") || link.StartsWith("/api/commons")) || !seen.Add(link)) continue;
                Assert.True(seen.Count < MostAddresses, "the crawl is not converging");
                waiting.Enqueue(link);
            }
        }

        // The crawl reached what was published: the map, its picture, and the alliance's profile, both as pages and through the API.
        Assert.Contains(found, a => a.StartsWith("/commons/items/"));
        Assert.Contains(found, a => a.EndsWith("/picture"));
        Assert.Contains($"/commons/alliances/{alliance}", found);
        Assert.Contains($"/api/commons/alliances/{alliance}", found);
    }
}
