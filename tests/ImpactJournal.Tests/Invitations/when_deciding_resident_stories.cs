using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

/// <summary>The pure parts of a resident's story and its review, with no host and no database.</summary>
public sealed class when_deciding_resident_stories
{
    private static readonly Guid FoodBank = Guid.CreateVersion7();
    private static readonly Member FoodBankWorker = new("p", "P", AllianceRole.Partner, FoodBank);
    private static readonly Member Librarian = new("l", "L", AllianceRole.Partner, Guid.CreateVersion7());

    private static readonly Invitation Invitation = new(Guid.CreateVersion7(), Guid.CreateVersion7(), "Tuesday meal", InvitationKind.Story, null,
        new DateOnly(2026, 12, 31), 30, FoodBank, "p", DateTimeOffset.UnixEpoch, 0, null);

    private static ResidentStory Waiting(string? name = null) => new(Guid.CreateVersion7(), Invitation.AllianceId, Invitation.Id, FoodBank, "A seat saved",
        "Maggie saved me a seat.", name, new Consent(ConsentScope.Commissioners, name is not null), Signifiers.None, null, DateTimeOffset.UnixEpoch,
        ResidentStoryState.WaitingForReview, null, null, null, null);

    private static readonly DateOnly Day = new(2026, 12, 7);

    [Fact]
    public void a_residents_story_names_each_bad_field_and_is_identifiable_only_with_a_name()
    {
        Assert.Equal(["body"], TellResidentStoryUseCase.Validate(null, null).Keys);
        Assert.Equal(["name", "narrative", "scope", "title"],
            TellResidentStoryUseCase.Validate(new TellResidentStory(null, " ", "", new string('x', 101), null, null), null).Keys.Order());

        var anonymous = TellResidentStoryUseCase.Decide(new TellResidentStory(null, " A seat ", " Saved. ", "  ", ConsentScope.Public, null),
            Guid.CreateVersion7(), Invitation, null);
        Assert.Equal(("A seat", "Saved.", null, new Consent(ConsentScope.Public, false), FoodBank),
            (anonymous.Title, anonymous.Narrative, anonymous.Name, anonymous.Consent, anonymous.PartnerId));
        Assert.True(TellResidentStoryUseCase.Decide(new TellResidentStory(null, "A", "B", " Jo ", ConsentScope.Public, null), Guid.CreateVersion7(),
            Invitation, null).Consent.Identifiable);
    }

    [Fact]
    public void a_review_is_accept_or_decline_and_a_decline_needs_its_reason()
    {
        Assert.Equal(["decision"], ReviewResidentStoryUseCase.Validate(new ReviewResidentStory("maybe", null)).Keys);
        Assert.Equal(["reason"], ReviewResidentStoryUseCase.Validate(new ReviewResidentStory("decline", " ")).Keys);
        Assert.Empty(ReviewResidentStoryUseCase.Validate(new ReviewResidentStory("accept", null)));
    }

    [Fact]
    public void only_the_inviting_partners_members_and_stewards_review_and_only_once()
    {
        var accept = new ReviewResidentStory("accept", null);
        Assert.IsType<Outcome.Forbidden>(ReviewResidentStoryUseCase.Decide(Waiting(), accept, Librarian, Guid.CreateVersion7(), Day, "/").Outcome);
        Assert.IsType<Outcome.Forbidden>(ReviewResidentStoryUseCase.Decide(Waiting(), accept, new Member("f", "F", AllianceRole.Facilitator, null),
            Guid.CreateVersion7(), Day, "/").Outcome);
        Assert.IsType<Outcome.Conflict>(ReviewResidentStoryUseCase.Decide(Waiting() with { State = ResidentStoryState.Declined }, accept,
            FoodBankWorker, Guid.CreateVersion7(), Day, "/").Outcome);
    }

    [Fact]
    public void accepting_starts_the_journals_story_and_a_change_is_an_amendment_with_its_reason()
    {
        var storyId = Guid.CreateVersion7();
        var plain = ReviewResidentStoryUseCase.Decide(Waiting("Jo"), new ReviewResidentStory("accept", null), FoodBankWorker, storyId, Day, "/");
        Assert.Equal(new ResidentStoryAccepted(storyId, null), Assert.Single(plain.Events));
        Assert.Single(plain.Alongside);

        var unexplained = ReviewResidentStoryUseCase.Decide(Waiting(), new ReviewResidentStory("accept", null, null, "Someone saved me a seat."),
            FoodBankWorker, storyId, Day, "/");
        Assert.Equal(["reason"], Assert.IsType<Outcome.Invalid>(unexplained.Outcome).Errors.Keys);

        var amended = ReviewResidentStoryUseCase.Decide(Waiting(), new ReviewResidentStory("accept", "A volunteer was named.", "A seat saved",
            "Someone saved me a seat."), FoodBankWorker, storyId, Day, "/");
        Assert.Equal(new ResidentStoryAccepted(storyId, "A volunteer was named."), Assert.Single(amended.Events));

        var declined = ReviewResidentStoryUseCase.Decide(Waiting(), new ReviewResidentStory("decline", " It names a child. "), FoodBankWorker, storyId, Day, "/");
        Assert.Equal(new ResidentStoryDeclined("It names a child."), Assert.Single(declined.Events));
    }
}
