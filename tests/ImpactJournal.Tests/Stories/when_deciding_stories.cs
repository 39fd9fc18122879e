using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Stories;

/// <summary>The pure parts of telling, selecting and withdrawing stories and revising the framework, with no host and no database.</summary>
public sealed class when_deciding_stories
{
    private static readonly FixedClock Clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly Guid AllianceId = Guid.CreateVersion7();
    private static readonly Guid FoodHub = Guid.CreateVersion7();

    private static readonly SignificationFramework Framework = new(3,
        [new Triad("what-helped", "What made the difference?", ["A person", "A service", "Me"])],
        [new Dyad("control", "How much say did you have?", "None", "All")],
        [new Choice("feeling", "How do you feel?", ["hopeful", "worried"])]);

    private static TellStory Telling(DateOnly? toldOn = null, DateOnly? expiresOn = null, SignifiersInput? signifiers = null) => new(
        Guid.CreateVersion7(), " Someone knew my name ", "I came for the food. ", " resident ", toldOn ?? new DateOnly(2026, 11, 28), "  ",
        new StoryConsentInput(ConsentScope.Alliance, false, expiresOn), signifiers, null);

    private static Story Told(ConsentScope scope = ConsentScope.Alliance, DateTimeOffset? withdrawnAt = null, params Selection[] selections) => new(
        Guid.CreateVersion7(), "Title", "Narrative", "resident", Today, null, new Consent(scope, false), Signifiers.None, null, FoodHub,
        "foodhub@example.org", Clock.GetUtcNow(), 1, selections, withdrawnAt);

    private static Member Partner(Guid partnerId) => new("p@example.org", "P", AllianceRole.Partner, partnerId);

    [Fact]
    public void telling_a_story_names_each_bad_field_and_checks_signifiers_against_the_framework_in_force()
    {
        Assert.Equal(["body"], TellStoryUseCase.Validate(null, Framework, Clock).Keys);
        Assert.Empty(TellStoryUseCase.Validate(Telling(), Framework, Clock));

        var signifiers = new SignifiersInput(new() { ["what-helped"] = [0.5, 0.2, 0.1] }, new() { ["unknown"] = 0.5 }, null);
        var errors = TellStoryUseCase.Validate(Telling(toldOn: Today.AddDays(3), expiresOn: Today.AddDays(-10), signifiers: signifiers), Framework, Clock);
        Assert.Equal(["consent.expiresOn", "signifiers.dyads.unknown", "signifiers.triads.what-helped", "toldOn"], errors.Keys.Order());
        Assert.Equal(["signifiers"], TellStoryUseCase.Validate(Telling(signifiers: signifiers), null, Clock).Keys);
    }

    [Fact]
    public void a_story_told_keeps_the_words_trimmed_and_the_framework_version_only_when_signified()
    {
        var plain = TellStoryUseCase.Decide(Telling(), FoodHub, Framework);
        Assert.Equal(("Someone knew my name", "I came for the food.", "resident"), (plain.Title, plain.Narrative, plain.TellerRole));
        Assert.Null(plain.DomainOfChange);
        Assert.Null(plain.FrameworkVersion);
        Assert.Equal(FoodHub, plain.PartnerId);

        var signified = TellStoryUseCase.Decide(Telling(signifiers: new SignifiersInput(null, new() { ["control"] = 0.6 }, null)), FoodHub, Framework);
        Assert.Equal(3, signified.FrameworkVersion);
        Assert.Equal(0.6, signified.Signifiers.Dyads["control"]);
    }

    [Fact]
    public void a_selection_needs_a_panel_and_its_reason()
    {
        Assert.Equal(["body"], SelectStoryUseCase.Validate(null).Keys);
        Assert.Equal(["panel", "reason"], SelectStoryUseCase.Validate(new SelectStory(Guid.CreateVersion7(), " ", null)).Keys.Order());
    }

    [Fact]
    public void a_selection_is_recorded_once_and_a_different_one_under_the_same_id_conflicts()
    {
        var command = new SelectStory(Guid.CreateVersion7(), " Spring panel ", "It changed how we refer. ");
        var story = Told();

        var first = SelectStoryUseCase.Decide(command, story, AllianceId, AllianceRole.Facilitator, Today);
        var selected = Assert.IsType<StorySelected>(Assert.Single(first.Events));
        Assert.Equal(("Spring panel", "It changed how we refer."), (selected.Panel, selected.Reason));
        Assert.Equal(new Outcome.Saved(command.Id!.Value, $"/api/alliances/{AllianceId}/stories/{story.Id}", new CreatedId(command.Id.Value), true), first.Outcome);

        var again = story with { Selections = [new Selection(command.Id.Value, "Spring panel", "It changed how we refer.", null, Clock.GetUtcNow())] };
        Assert.IsType<Outcome.AlreadyThere>(SelectStoryUseCase.Decide(command, again, AllianceId, AllianceRole.Facilitator, Today).Outcome);
        var different = SelectStoryUseCase.Decide(command with { Reason = "Another reason" }, again, AllianceId, AllianceRole.Facilitator, Today);
        Assert.IsType<Outcome.Conflict>(different.Outcome);
        Assert.Empty(different.Events);
    }

    [Fact]
    public void a_story_beyond_the_readers_consent_is_not_there_and_a_withdrawn_one_cannot_be_selected()
    {
        var command = new SelectStory(Guid.CreateVersion7(), "Panel", "Reason");
        Assert.IsType<Outcome.NotFound>(SelectStoryUseCase.Decide(command, Told(ConsentScope.Alliance), AllianceId, AllianceRole.Commissioner, Today).Outcome);
        Assert.IsType<Outcome.Saved>(SelectStoryUseCase.Decide(command, Told(ConsentScope.Commissioners), AllianceId, AllianceRole.Commissioner, Today).Outcome);

        var withdrawn = SelectStoryUseCase.Decide(command, Told(withdrawnAt: Clock.GetUtcNow()), AllianceId, AllianceRole.Steward, Today);
        Assert.Equal("Consent was withdrawn", Assert.IsType<Outcome.Conflict>(withdrawn.Outcome).Title);
    }

    [Fact]
    public void consent_is_withdrawn_by_the_tellers_organisation_or_a_steward_or_facilitator_with_an_optional_short_reason()
    {
        Assert.Empty(WithdrawStoryConsentUseCase.Validate(null));
        Assert.Empty(WithdrawStoryConsentUseCase.Validate(new WithdrawConsent("She moved away.")));
        Assert.Equal(["reason"], WithdrawStoryConsentUseCase.Validate(new WithdrawConsent(new string('x', WithdrawConsent.MaxReason + 1))).Keys);

        var story = Told();
        Assert.Null(WithdrawStoryConsentUseCase.Decide(story, Partner(FoodHub)));
        Assert.Null(WithdrawStoryConsentUseCase.Decide(story, new Member("s@example.org", "S", AllianceRole.Steward, null)));
        Assert.IsType<Outcome.Forbidden>(WithdrawStoryConsentUseCase.Decide(story, Partner(Guid.CreateVersion7())));
    }

    private static readonly ReviseSignificationFramework Questions = new(
        [new TriadInput("what-helped", " What made the difference? ", ["A person", "A service", "Me"])], null,
        [new ChoiceInput("feeling", "How do you feel?", ["hopeful", "worried"])]);

    private static Alliance WithFramework(SignificationFramework? framework)
    {
        var alliance = Alliance.Formed(new AllianceFormed(AllianceId, "Ashworth", AgreementType.AllianceContract, "Purpose", "s@example.org", "S"),
            Clock.GetUtcNow());
        return framework is null ? alliance : alliance.Apply(new SignificationFrameworkRevised(framework));
    }

    [Fact]
    public void a_framework_needs_a_question_unique_keys_and_a_version_it_could_have_had()
    {
        Assert.Equal(["body"], ReviseSignificationFrameworkUseCase.Validate(null).Keys);
        Assert.Equal(["body"], ReviseSignificationFrameworkUseCase.Validate(new ReviseSignificationFramework([], [], [])).Keys);
        Assert.Empty(ReviseSignificationFrameworkUseCase.Validate(Questions));

        var twice = Questions with { Dyads = [new DyadInput("feeling", "p", "l", "r")], ExpectedVersion = -1 };
        Assert.Equal(["choices[0].key", "expectedVersion"], ReviseSignificationFrameworkUseCase.Validate(twice).Keys.Order());
    }

    [Fact]
    public void a_revised_framework_is_the_next_version_and_the_same_questions_again_keep_theirs()
    {
        var first = ReviseSignificationFrameworkUseCase.Decide(Questions, WithFramework(null));
        var revised = Assert.IsType<SignificationFrameworkRevised>(Assert.Single(first.Events));
        Assert.Equal(1, revised.Framework.Version);
        Assert.Equal("What made the difference?", revised.Framework.Triads[0].Prompt);

        var again = ReviseSignificationFrameworkUseCase.Decide(Questions with { ExpectedVersion = 0 }, WithFramework(revised.Framework));
        Assert.Empty(again.Events);
        Assert.Equal(1, Assert.IsType<SignificationFramework>(Assert.IsType<Outcome.Saved>(again.Outcome).Body).Version);
    }

    [Fact]
    public void a_change_made_from_an_earlier_version_than_the_one_in_force_is_refused_with_the_framework_as_it_is_now()
    {
        var change = Questions with { Choices = [new ChoiceInput("feeling", "How do you feel?", ["hopeful"])] };

        var stale = ReviseSignificationFrameworkUseCase.Decide(change with { ExpectedVersion = 2 }, WithFramework(Framework));
        Assert.Empty(stale.Events);
        var conflict = Assert.IsType<Outcome.Conflict>(stale.Outcome);
        Assert.Equal(3, conflict.CurrentVersion);
        Assert.Same(Framework, conflict.Current);

        var staleFirst = ReviseSignificationFrameworkUseCase.Decide(change with { ExpectedVersion = 3 }, WithFramework(null));
        Assert.Equal(0, Assert.IsType<Outcome.Conflict>(staleFirst.Outcome).CurrentVersion);

        Assert.Equal(4, Assert.IsType<SignificationFrameworkRevised>(Assert.Single(
            ReviseSignificationFrameworkUseCase.Decide(change with { ExpectedVersion = 3 }, WithFramework(Framework)).Events)).Framework.Version);
        Assert.Single(ReviseSignificationFrameworkUseCase.Decide(change, WithFramework(Framework)).Events);
    }
}
