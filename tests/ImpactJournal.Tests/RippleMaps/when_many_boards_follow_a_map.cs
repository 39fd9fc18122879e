using ImpactJournal.RippleMaps;
using ImpactJournal.Tests.Support;
using ImpactJournal.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.RippleMaps;

/// <summary>
/// Open boards and projectors follow the board's own stream, which sends each map version as the patch board.js puts
/// in. A room of boards must cost one patch per version, not one per board, and every member must get the same one.
/// </summary>
public sealed class when_many_boards_follow_a_map(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "patches-steward@example.org";
    private const string Partner = "patches-partner@example.org";
    private const string Facilitator = "patches-facilitator@example.org";
    private const string Commissioner = "patches-commissioner@example.org";

    [Fact]
    public async Task every_board_gets_each_version_as_one_patch_made_once_for_all_of_them()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("patches");
        var m = await As(Facilitator).StartMap(a);
        var stream = $"/alliances/{a}/maps/{m}/board?handler=Stream";
        var patches = Host.Services.GetRequiredService<BoardPatches>();

        // Twelve boards, three for each role: whatever a member's role, the board shows them the same.
        var boards = new List<EventReader>();
        try
        {
            foreach (var member in new[] { Steward, Partner, Facilitator, Commissioner })
                for (var i = 0; i < 3; i++)
                    boards.Add(await Open(stream, member, lastEventId: null));
            var connected = new List<ServerText>();
            foreach (var board in boards) connected.Add(await board.NextText());
            Assert.All(connected, c => Assert.Equal("connected", c.Type));            var made = patches.Made;


            var first = await As(Partner).AddRipple(a, m, "Volunteers came back the next week", ["human"], [m]);
            var firstPatches = await Task.WhenAll(boards.Select(b => b.NextText()));
            var second = await As(Facilitator).AddRipple(a, m, "The fridge stayed open on Sundays", ["built"], [m]);
            var secondPatches = await Task.WhenAll(boards.Select(b => b.NextText()));

            Assert.Equal(2, patches.Made - made);
            foreach (var (sent, ripple, label) in new[] { (firstPatches, first, "Volunteers came back the next week"), (secondPatches, second, "The fridge stayed open on Sundays") })
            {
                Assert.All(sent, p => Assert.Equal("patch", p.Type));
                Assert.Single(sent.Select(p => (p.Id, p.Data)).Distinct());
                Assert.Contains($"id=\"r-{ripple}\"", sent[0].Data);
                Assert.Contains($"data-ripple=\"{ripple}\"", sent[0].Data);
                Assert.Contains(label, sent[0].Data);
                Assert.Contains($"data-version=\"{sent[0].Id}\"", sent[0].Data);
            }

            // A ripple added where its sector has room moves nothing: its patch holds only what changed. When a sector must
            // grow, the patch carries the ripples that moved (to glide) besides, not the whole picture, still made once for all boards.
            var added = new List<Guid> { first, second };
            var (moved, partial) = (0, 0);
            var kept = new List<ServerText> { secondPatches[0] };
            ServerText[] thirdPatches = secondPatches;
            for (var i = 0; i < 16 && (moved == 0 || partial == 0); i++)
            {
                var ripple = await As(Partner).AddRipple(a, m, $"Neighbours cooked together, week {i + 1}", ["social"], [i % 2 == 0 ? m : first]);
                added.Add(ripple);
                thirdPatches = await Task.WhenAll(boards.Select(b => b.NextText()));
                Assert.Equal(2 + i + 1, patches.Made - made);
                Assert.Single(thirdPatches.Select(p => (p.Id, p.Data)).Distinct());
                kept.Add(thirdPatches[0]);
                var data = thirdPatches[0].Data;
                Assert.DoesNotContain("data-whole", data[..data.IndexOf('>')]);
                if (data.Contains("data-moved-from"))
                {
                    moved++;
                    Assert.Contains($"id=\"r-{ripple}\"", data);
                }
                else
                {
                    partial++;
                    Assert.Contains($"id=\"r-{ripple}\"", data);
                    Assert.DoesNotContain($"id=\"r-{added[^2]}\"", data);
                }
            }
            Assert.True(moved > 0 && partial > 0, $"{moved} patches with moved ripples and {partial} without");

            // A board that reconnects catches up on what it missed, in order: from the patches kept, made again for nobody.
            var madeBefore = patches.Made;
            using (var resumed = await Open(stream, Commissioner, firstPatches[0].Id))
            {
                Assert.Equal("connected", (await resumed.NextText()).Type);
                foreach (var patch in kept) Assert.Equal(patch, await resumed.NextText());
            }
            Assert.Equal(madeBefore, patches.Made);

            // Boards further back than any patch kept get the whole picture, made once for all of them.
            using (var fromStart = await Open(stream, Commissioner, "0"))
            using (var alsoFromStart = await Open(stream, Partner, "0"))
            {
                Assert.Equal("connected", (await fromStart.NextText()).Type);
                Assert.Equal("connected", (await alsoFromStart.NextText()).Type);
                var caughtUp = await fromStart.NextText();
                Assert.Equal(thirdPatches[0].Id, caughtUp.Id);
                Assert.Contains("data-whole", caughtUp.Data[..caughtUp.Data.IndexOf('>')]);
                foreach (var ripple in added) Assert.Contains($"id=\"r-{ripple}\"", caughtUp.Data);
                Assert.Equal(caughtUp, await alsoFromStart.NextText());
            }
            Assert.Equal(madeBefore + 1, patches.Made);
        }
        finally
        {
            boards.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task only_members_follow_a_board_and_a_bad_event_id_is_a_clear_400()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("patches");
        var m = await As(Facilitator).StartMap(a);
        var stream = $"/alliances/{a}/maps/{m}/board?handler=Stream";
        var client = Host.Server.CreateClient();

        Assert.Equal(404, (int)(await client.SendAsync(Request(stream, "stranger@example.org", null), HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(404, (int)(await client.SendAsync(Request($"/alliances/{a}/maps/{Guid.NewGuid()}/board?handler=Stream", Partner, null), HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(400, (int)(await client.SendAsync(Request(stream, Partner, "soon"), HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(400, (int)(await client.SendAsync(Request(stream + "&after=-3", Partner, null), HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }

    private static HttpRequestMessage Request(string url, string subject, string? lastEventId) => ServerEvents.Request(url, subject, lastEventId);

    private Task<EventReader> Open(string url, string subject, string? lastEventId) => ServerEvents.OpenAsync(Host, url, subject, lastEventId);
}
