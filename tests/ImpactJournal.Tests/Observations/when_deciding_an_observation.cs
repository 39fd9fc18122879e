using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
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
        Assert.Empty(AmendObservationUseCase.Validate(new AmendObservation("They now cook weekly.", null, null, null)));
        Assert.Equal(["body"], AmendObservationUseCase.Validate(null).Keys);
        Assert.Equal(["body"], AmendObservationUseCase.Validate(new AmendObservation(null, null, null, null, ExpectedVersion: 3)).Keys);
        Assert.Equal(["valence"], AmendObservationUseCase.Validate(new AmendObservation(null, null, null, (Valence)99)).Keys);
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
