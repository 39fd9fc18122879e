using System.Text.Json;
using ImpactJournal.Codebook;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>
/// A withdrawal erases a person's words wherever they are kept: the theme words a record was coded with live on in the
/// codebook's renames, merges and descriptions, and go too once no remaining record carries them.
/// </summary>
public sealed class when_consent_is_withdrawn_from_a_coded_theme(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "cbw-steward@example.org";
    private const string Partner = "cbw-partner@example.org";
    private const string Facilitator = "cbw-facilitator@example.org";
    private const string Commissioner = "cbw-commissioner@example.org";
    private const string Secret = "eviction at 14 mill lane";

    private static object Observed(string text, string[] themes, string scope = "alliance") =>
        ObservationBuilder.Body(text: text, themes: themes, scope: scope, identifiable: true, observedAt: "2026-11-30T10:00:00Z");

    private static string Codebook(Guid a) => $"/api/alliances/{a}/codebook";

    private async Task<string> CodebookEvents(Guid a)
    {
        await using var session = Store.QuerySession(a.ToString());
        return string.Join("\n", (await session.Events.FetchStreamAsync(AllianceCodebook.StreamIdOf(a)))
            .Select(e => e.Data.GetType().Name + " " + JsonSerializer.Serialize(e.Data)));
    }

    [Fact]
    public async Task the_words_leave_the_codebooks_events_and_every_read_and_an_audit_of_the_erasure_remains()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbw");
        var only = await As(Partner).LogObservation(a, Observed("Family of four served notice by the landlord.", [Secret]));
        await As(Partner).LogObservation(a, Observed("Stall at the housing fair.", ["housing"]));
        await CatchUpProjections();
        await As(Facilitator).Post($"{Codebook(a)}/renames", new { theme = Secret, to = "housing risk" });
        await As(Facilitator).Post($"{Codebook(a)}/descriptions", new { theme = "housing risk", description = "Started from 14 Mill Lane." }, 200);
        Assert.Contains("mill lane", await CodebookEvents(a), StringComparison.OrdinalIgnoreCase);

        await As(Partner).Post($"/api/alliances/{a}/observations/{only}/consent-withdrawal", new { }, 200);
        await CatchUpProjections();

        var events = await CodebookEvents(a);
        Assert.DoesNotContain("mill lane", events, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ThemeWordsErased", events);
        foreach (var reader in new[] { Steward, Facilitator, Partner, Commissioner })
            Assert.DoesNotContain("mill lane", (await As(reader).Get(Codebook(a)))!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(404, (await As(Steward).SendRaw(HttpMethod.Get, $"{Codebook(a)}/themes/{Uri.EscapeDataString(Secret)}", null)).Status);
    }

    [Fact]
    public async Task words_another_record_still_carries_stay()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("cbw");
        var withdrawn = await As(Partner).LogObservation(a, Observed("Served notice.", ["damp homes"]));
        await As(Partner).LogObservation(a, Observed("Mould in the bedroom.", ["damp homes"]));
        await CatchUpProjections();
        await As(Facilitator).Post($"{Codebook(a)}/merges", new { themes = new[] { "damp homes" }, into = "housing" });

        await As(Partner).Post($"/api/alliances/{a}/observations/{withdrawn}/consent-withdrawal", new { }, 200);
        await CatchUpProjections();

        var events = await CodebookEvents(a);
        Assert.Contains("damp homes", events);
        Assert.DoesNotContain("ThemeWordsErased", events);
    }
}
