using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>The pure parts of logging, amending and retracting an observation, with no host and no database.</summary>
public sealed class when_deciding_an_observation
{
    private static readonly FixedClock Clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));

    private static LogObservation Command(string? text = " Two neighbours cooked together. ", DateTimeOffset? observedAt = null) => new(
        Guid.CreateVersion7(), text, observedAt ?? DateTimeOffset.Parse("2026-11-30T10:30:00Z"), "  ",
        ["Food ", "food", "cooking"], [CommunityCapital.Social, CommunityCapital.Social], Valence.Generative, null,
        new ConsentInput(ConsentScope.Alliance, false));

    [Fact]
    public void a_valid_command_has_no_field_errors() => Assert.Empty(LogObservationUseCase.Validate(Command(), Clock));

    [Fact]
    public void a_missing_body_an_empty_text_and_a_future_moment_are_named_by_field()
    {
        Assert.Equal(["body"], LogObservationUseCase.Validate(null, Clock).Keys);
        var errors = LogObservationUseCase.Validate(Command(text: " ", observedAt: Clock.GetUtcNow().AddDays(2)), Clock);
        Assert.Equal(["observedAt", "text"], errors.Keys.Order());
    }

    [Fact]
    public void the_event_keeps_the_words_trimmed_the_themes_and_capitals_once_and_no_empty_place()
    {
        var command = Command();
        var partner = Guid.CreateVersion7();
        var logged = LogObservationUseCase.Decide(command, partner, []);

        Assert.Equal(command.Id, logged.ObservationId);
        Assert.Equal("Two neighbours cooked together.", logged.Text);
        Assert.Null(logged.Place);
        Assert.Equal(["food", "cooking"], logged.Themes);
        Assert.Equal([CommunityCapital.Social], logged.Capitals);
        Assert.Equal(partner, logged.PartnerId);
        Assert.Null(logged.WithPartners);
    }

    private static readonly Partner FoodHub = new(Guid.CreateVersion7(), "Ashworth Food Hub", PartnerKind.Vcse);
    private static readonly Partner Library = new(Guid.CreateVersion7(), "Ashworth Library", PartnerKind.Council);
    private static readonly Alliance Ashworth = new(Guid.CreateVersion7(), "Ashworth", AgreementType.AllianceContract, "purpose", 1,
        [FoodHub, Library], [], [], "steward", Clock.GetUtcNow());

    private static ActingMember PartnerOf(Partner of) => new(Ashworth, new Member($"{of.Name}@example.org", of.Name, AllianceRole.Partner, of.Id));

    /// <summary>The food hub's entry at version 3 (logged, then amended twice).</summary>
    private static Observation Entry() => new(Guid.CreateVersion7(), "Two neighbours cooked together.", Clock.GetUtcNow(), null, ["food"],
        [CommunityCapital.Social], Valence.Generative, FoodHub.Id, new Consent(ConsentScope.Alliance, false), "someone",
        Clock.GetUtcNow(), 1, [], null, null) { Version = 3 };

    [Fact]
    public void an_amendment_must_change_something_and_name_known_words()
    {
        Assert.Empty(AmendObservationUseCase.Validate(new AmendObservation("They now cook weekly.", null, null, null), Clock));
        Assert.Equal(["body"], AmendObservationUseCase.Validate(null, Clock).Keys);
        Assert.Equal(["body"], AmendObservationUseCase.Validate(new AmendObservation(null, null, null, null, ExpectedVersion: 3), Clock).Keys);
        Assert.Equal(["valence"], AmendObservationUseCase.Validate(new AmendObservation(null, null, null, (Valence)99), Clock).Keys);
    }

    [Fact]
    public void an_amendment_made_against_the_latest_version_records_only_what_changed()
    {
        var entry = Entry();
        var decision = AmendObservationUseCase.Decide(new AmendObservation(" They now cook weekly. ", null, null, null, ExpectedVersion: 3),
            entry, PartnerOf(FoodHub));

        var saved = Assert.IsType<Outcome.Saved>(decision.Outcome);
        Assert.Equal(entry.Id, saved.Id);
        Assert.False(saved.IsNew);
        Assert.Equal(new ObservationAmended("They now cook weekly.", null, null, null), Assert.Single(decision.Events));
    }

    [Fact]
    public void an_amendment_made_against_an_older_version_is_refused_with_the_entry_as_it_is_now()
    {
        var entry = Entry();
        var decision = AmendObservationUseCase.Decide(new AmendObservation("They now cook weekly.", null, null, null, ExpectedVersion: 2),
            entry, PartnerOf(FoodHub));

        var stale = Assert.IsType<Outcome.Conflict>(decision.Outcome);
        Assert.Equal(3, stale.CurrentVersion);
        Assert.Same(entry, stale.Current);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void an_amendment_is_refused_to_another_organisation_and_on_a_retracted_or_withdrawn_entry()
    {
        var amend = new AmendObservation("They now cook weekly.", null, null, null);
        var entry = Entry();

        Assert.IsType<Outcome.Forbidden>(AmendObservationUseCase.Decide(amend, entry, PartnerOf(Library)).Outcome);
        var retracted = entry with { Retraction = new Retraction("Logged twice", Clock.GetUtcNow(), "someone") };
        Assert.Equal("Retracted", Assert.IsType<Outcome.Conflict>(AmendObservationUseCase.Decide(amend, retracted, PartnerOf(FoodHub)).Outcome).Title);
        var withdrawn = entry with { WithdrawnAt = Clock.GetUtcNow() };
        Assert.Equal("Consent was withdrawn", Assert.IsType<Outcome.Conflict>(AmendObservationUseCase.Decide(amend, withdrawn, PartnerOf(FoodHub)).Outcome).Title);
    }

    [Fact]
    public void an_amendment_names_only_partners_of_the_alliance_besides_the_entrys_own()
    {
        var entry = Entry();
        var unknown = AmendObservationUseCase.Decide(new AmendObservation(null, null, null, null, [Guid.CreateVersion7()]), entry, PartnerOf(FoodHub));
        Assert.Equal(["withPartners"], Assert.IsType<Outcome.Invalid>(unknown.Outcome).Errors.Keys);

        var named = AmendObservationUseCase.Decide(new AmendObservation(null, null, null, null, [Library.Id]), entry, PartnerOf(FoodHub));
        Assert.Equal([Library.Id], Assert.IsType<ObservationAmended>(Assert.Single(named.Events)).WithPartners);
    }

    [Fact]
    public void an_amendment_checks_when_where_capitals_valence_and_who_may_read_it_as_logging_does()
    {
        var errors = AmendObservationUseCase.Validate(new AmendObservation(" ", null, [null], (Valence)99,
            ObservedAt: Clock.GetUtcNow().AddDays(2), Place: new string('x', 201), Consent: new ConsentInput(null, null)), Clock);
        Assert.Equal(["capitals[0]", "consent.scope", "observedAt", "place", "text", "valence"], errors.Keys.Order());

        // Taking the place away is a correction too.
        Assert.Empty(AmendObservationUseCase.Validate(new AmendObservation(null, null, null, null, Place: ""), Clock));
        Assert.Empty(AmendObservationUseCase.Validate(new AmendObservation(null, null, [CommunityCapital.Built], Valence.Mixed,
            ObservedAt: Clock.GetUtcNow().AddDays(-3), Consent: new ConsentInput(ConsentScope.Alliance, null)), Clock));
    }

    [Fact]
    public void an_amendment_of_when_where_capitals_and_valence_records_only_what_differs()
    {
        var entry = Entry() with { Place = "Northfield" };
        var earlier = Clock.GetUtcNow().AddDays(-2);
        var decision = AmendObservationUseCase.Decide(new AmendObservation("Two neighbours cooked together.", ["food"],
            [CommunityCapital.Built, CommunityCapital.Social], Valence.Degenerative, [], ObservedAt: earlier, Place: " ",
            Consent: new ConsentInput(ConsentScope.Alliance, false)), entry, PartnerOf(FoodHub));

        var amended = Assert.IsType<ObservationAmended>(Assert.Single(decision.Events));
        // The words, themes, partners and consent sent are as they were: only when, where, capitals and valence changed.
        Assert.Equal(amended with { Capitals = null }, new ObservationAmended(null, null, null, Valence.Degenerative, null, earlier, "", null));
        Assert.Equal([CommunityCapital.Built, CommunityCapital.Social], amended.Capitals);
        Assert.Empty(decision.Alongside);
    }

    [Fact]
    public void an_amendment_that_changes_nothing_records_nothing()
    {
        var entry = Entry();
        var decision = AmendObservationUseCase.Decide(new AmendObservation(" Two neighbours cooked together. ", ["Food"],
            [CommunityCapital.Social], Valence.Generative, [], ObservedAt: entry.ObservedAt, Place: "",
            Consent: new ConsentInput(ConsentScope.Alliance, false)), entry, PartnerOf(FoodHub));

        Assert.IsType<Outcome.Saved>(decision.Outcome);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void who_may_read_it_is_narrowed_in_the_read_model_with_the_amendment()
    {
        var entry = Entry() with { Consent = new Consent(ConsentScope.Public, false) };
        var decision = AmendObservationUseCase.Decide(new AmendObservation(null, null, null, null,
            Consent: new ConsentInput(ConsentScope.Commissioners, null)), entry, PartnerOf(FoodHub));

        Assert.Equal(ConsentScope.Commissioners, Assert.IsType<ObservationAmended>(Assert.Single(decision.Events)).Scope);
        Assert.Equal(new NarrowReadersNow(entry.Id, ConsentScope.Commissioners), Assert.Single(decision.Alongside));
    }

    [Fact]
    public void who_may_read_it_is_never_widened_and_whether_someone_could_be_recognised_never_changes()
    {
        var entry = Entry() with { Consent = new Consent(ConsentScope.Commissioners, true) };

        var widened = AmendObservationUseCase.Decide(new AmendObservation("They now cook weekly.", null, null, null,
            Consent: new ConsentInput(ConsentScope.Public, null)), entry, PartnerOf(FoodHub));
        var refused = Assert.IsType<Outcome.Invalid>(widened.Outcome);
        Assert.Equal(["consent.scope"], refused.Errors.Keys);
        Assert.Contains("fresh consent", refused.Errors["consent.scope"][0]);
        Assert.Empty(widened.Events);

        var unrecognisable = AmendObservationUseCase.Decide(new AmendObservation(null, null, null, null,
            Consent: new ConsentInput(ConsentScope.Commissioners, false)), entry, PartnerOf(FoodHub));
        Assert.Equal(["consent.identifiable"], Assert.IsType<Outcome.Invalid>(unrecognisable.Outcome).Errors.Keys);
        Assert.Empty(unrecognisable.Events);
    }

    [Fact]
    public void the_history_keeps_each_versions_words_until_consent_is_withdrawn()
    {
        var logged = new Event<ObservationLogged>(new ObservationLogged(Guid.CreateVersion7(), "They cooked together.", Clock.GetUtcNow(),
            "Northfield", ["food"], [CommunityCapital.Social], Valence.Mixed, FoodHub.Id, new Consent(ConsentScope.Public, false)))
        { Version = 1, Timestamp = Clock.GetUtcNow(), UserName = "dan" };
        var never = Observation.Create(logged);
        Assert.Null(never.Versions);
        Assert.Equal("They cooked together.", Assert.Single(never.WithVersions().Versions!).Text);

        var reworded = never.Apply(new Event<ObservationAmended>(new ObservationAmended("They cook every week.", null, null, null, Place: ""))
            { Version = 2, Timestamp = Clock.GetUtcNow().AddHours(1), UserName = "dan" });
        var narrowed = reworded.Apply(new Event<ObservationAmended>(new ObservationAmended(null, null, null, null, Scope: ConsentScope.Alliance))
            { Version = 3, Timestamp = Clock.GetUtcNow().AddHours(2), UserName = "sam" });

        Assert.Equal(["They cooked together.", "They cook every week.", "They cook every week."], narrowed.Versions!.Select(v => v.Text));
        Assert.Equal(["Northfield", null, null], narrowed.Versions!.Select(v => v.Place));
        Assert.Equal([ConsentScope.Public, ConsentScope.Public, ConsentScope.Alliance], narrowed.Versions!.Select(v => v.Scope));
        Assert.Equal(["", "text,place", "consent.scope"], narrowed.Versions!.Select(v => string.Join(",", v.Changed)));
        Assert.Equal([null, "dan", "sam"], narrowed.Versions!.Select(v => v.Number == 1 ? null : v.By));
        Assert.Equal(ConsentScope.Alliance, narrowed.Consent.Scope);

        var withdrawn = narrowed.Apply(new Event<ObservationConsentWithdrawn>(new ObservationConsentWithdrawn(null))
            { Version = 4, Timestamp = Clock.GetUtcNow().AddHours(3) });
        Assert.Null(withdrawn.Versions);
        Assert.Null(withdrawn.WithVersions().Versions);
    }

    [Fact]
    public void a_retraction_needs_a_reason()
    {
        Assert.Empty(RetractObservationUseCase.Validate(new RetractObservation("Logged twice")));
        Assert.Equal(["body"], RetractObservationUseCase.Validate(null).Keys);
        Assert.Equal(["reason"], RetractObservationUseCase.Validate(new RetractObservation(" ")).Keys);
    }

    [Fact]
    public void a_retraction_keeps_its_reason_and_retracting_again_records_nothing()
    {
        var entry = Entry();
        var retract = new RetractObservation(" Logged twice ");

        var first = RetractObservationUseCase.Decide(retract, entry, PartnerOf(FoodHub));
        Assert.IsType<Outcome.Saved>(first.Outcome);
        Assert.Equal(new ObservationRetracted("Logged twice"), Assert.Single(first.Events));

        var again = RetractObservationUseCase.Decide(retract, entry with { Retraction = new Retraction("Logged twice", Clock.GetUtcNow(), "someone") },
            PartnerOf(FoodHub));
        Assert.IsType<Outcome.Saved>(again.Outcome);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void a_retraction_is_refused_to_another_organisation_and_on_a_withdrawn_entry()
    {
        var retract = new RetractObservation("Logged twice");
        var entry = Entry();

        Assert.IsType<Outcome.Forbidden>(RetractObservationUseCase.Decide(retract, entry, PartnerOf(Library)).Outcome);
        var withdrawn = RetractObservationUseCase.Decide(retract, entry with { WithdrawnAt = Clock.GetUtcNow() }, PartnerOf(FoodHub));
        Assert.Equal("Consent was withdrawn", Assert.IsType<Outcome.Conflict>(withdrawn.Outcome).Title);
        Assert.Empty(withdrawn.Events);
    }
}
