using ImpactJournal.Alliances;
using ImpactJournal.Commons;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.Stories;
using Xunit;

namespace ImpactJournal.Tests.Commons;

/// <summary>The pure parts of publishing to the learning commons, with no host and no database.</summary>
public sealed class when_deciding_commons_publications
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly Guid AllianceId = Guid.CreateVersion7();
    private static readonly CommonsProfileWritten Profile = new(AllianceId, "Ashworth", "We feed people.", "alliance-contract", false, [PartnerKind.Vcse]);
    private static readonly CommonsMembership Joined = new(CommonsMembership.IdOf(AllianceId), Profile, true);
    private static readonly CommonsEntry Entry = new("Community fridge", null, Today, Today, [CommunityCapital.Social], [], [PartnerKind.Vcse]);

    private static CommonsPublication Publication(bool published) =>
        new(CommonsPublication.IdOf(Guid.Empty), PublicationKind.Map, Guid.Empty, "", published, default);

    private static readonly PublishToCommons Command = new(PublicationKind.Map, Guid.CreateVersion7());

    [Fact]
    public void a_missing_kind_or_id_is_named_by_field()
    {
        Assert.Equal(["body"], PublishToCommonsUseCase.Validate(null).Keys);
        Assert.Equal(["id", "kind"], PublishToCommonsUseCase.Validate(new PublishToCommons(null, Guid.Empty)).Keys.Order());
    }

    [Fact]
    public void an_alliance_not_in_the_commons_is_told_to_write_its_profile_first()
    {
        var decision = PublishToCommonsUseCase.Decide(Command, AllianceId, CommonsMembership.None(AllianceId), Publication(false), CommonsCopy.Of(Entry));
        Assert.Equal(PublishToCommonsUseCase.NotJoined, Assert.IsType<Outcome.Conflict>(decision.Outcome).Detail);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void an_item_the_alliance_does_not_have_or_may_not_publish_is_refused_on_its_id()
    {
        var missing = PublishToCommonsUseCase.Decide(Command, AllianceId, Joined, Publication(false), null);
        Assert.Equal(["id"], Assert.IsType<Outcome.Invalid>(missing.Outcome).Errors.Keys);
        var refused = PublishToCommonsUseCase.Decide(Command, AllianceId, Joined, Publication(false), CommonsCopy.Refused("Not for the public."));
        Assert.Equal("Not for the public.", Assert.IsType<Outcome.Invalid>(refused.Outcome).Errors["id"].Single());
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void publishing_creates_the_item_and_publishing_again_refreshes_its_copy()
    {
        var first = PublishToCommonsUseCase.Decide(Command, AllianceId, Joined, Publication(false), CommonsCopy.Of(Entry));
        Assert.True(Assert.IsType<Outcome.Saved>(first.Outcome).IsNew);
        var published = Assert.IsType<PublishedToCommons>(Assert.Single(first.Events));
        Assert.Equal((AllianceId, PublicationKind.Map, Command.Id!.Value), (published.AllianceId, published.Kind, published.SourceId));

        var again = PublishToCommonsUseCase.Decide(Command, AllianceId, Joined, Publication(true), CommonsCopy.Of(Entry));
        Assert.IsType<Outcome.AlreadyThere>(again.Outcome);
        Assert.IsType<PublishedToCommons>(Assert.Single(again.Events));
    }

    [Fact]
    public void unpublishing_takes_a_published_item_out_once()
    {
        Assert.IsType<UnpublishedFromCommons>(Assert.Single(UnpublishFromCommonsUseCase.Decide(Publication(true)).Events));
        Assert.Empty(UnpublishFromCommonsUseCase.Decide(Publication(false)).Events);
    }

    [Fact]
    public void leaving_unpublishes_every_live_item_then_leaves_and_an_alliance_not_in_leaves_nothing()
    {
        var live = Publication(true);
        var gone = Publication(false) with { Id = Guid.CreateVersion7() };
        var events = LeaveCommonsUseCase.Decide(AllianceId, Joined, [live, gone]);
        Assert.Equal([(live.Id, (object)new UnpublishedFromCommons(live.Id)), (Joined.Id, new AllianceLeftCommons(AllianceId))], events);
        Assert.Empty(LeaveCommonsUseCase.Decide(AllianceId, Joined with { Joined = false }, [live]));
    }

    [Fact]
    public void a_profile_needs_one_of_the_seven_models()
    {
        Assert.Empty(WriteCommonsProfileUseCase.Validate(new WriteCommonsProfile("Ashworth", "About us", "thin-layer-cooperative", true)));
        var errors = WriteCommonsProfileUseCase.Validate(new WriteCommonsProfile(" ", "About us", "other", null));
        Assert.Equal(["collaborationModel", "name", "showPartnerNames"], errors.Keys.Order());
    }

    private static Story Told(ConsentScope scope = ConsentScope.Public, bool identifiable = false, string teller = "resident", DateOnly? expires = null) =>
        new(Guid.CreateVersion7(), "A key of her own", "She finally has a key.", teller, Today, null, new Consent(scope, identifiable, expires), null, null,
            Guid.CreateVersion7(), "someone", default, 1, [], null);

    [Fact]
    public void only_a_story_given_for_the_public_with_nobody_recognisable_and_no_name_may_be_published()
    {
        Assert.Null(CommonsCopies.WhyNotPublic(Told(), Today));
        Assert.Equal("Its teller did not give it for the public.", CommonsCopies.WhyNotPublic(Told(ConsentScope.Commissioners), Today));
        Assert.Equal("Someone could be recognised from it.", CommonsCopies.WhyNotPublic(Told(identifiable: true), Today));
        Assert.Equal("Its teller gave their name.", CommonsCopies.WhyNotPublic(Told(teller: "resident: Ann Lee"), Today));
        Assert.Equal("Its teller's consent has ended.", CommonsCopies.WhyNotPublic(Told(expires: Today.AddDays(-1)), Today));
        Assert.Equal("Its teller withdrew consent.", CommonsCopies.WhyNotPublic(Told() with { WithdrawnAt = DateTimeOffset.UtcNow }, Today));
    }

    [Fact]
    public void a_review_is_published_only_once_closed_with_its_adaptations_and_no_owner()
    {
        var adaptation = new Adaptation(Guid.CreateVersion7(), "Cook together", "Dan Mercer", "someone", default,
            [new ProgressNote(Guid.CreateVersion7(), AdaptationStatus.Embedded, "Every Tuesday now", "someone", default)]);
        var review = new LearningReview(Guid.CreateVersion7(), "Spring review", Today.AddMonths(-3), Today, [], null, default, [], [adaptation], null, null, null, null!);
        Assert.NotNull(CommonsCopies.OfReview(review, []).WhyNot);

        var entry = CommonsCopies.OfReview(review with { ClosedAt = DateTimeOffset.UtcNow }, []).Entry!;
        Assert.Equal([new CommonsAdaptation("Cook together", "now part of how we work")], entry.Adaptations);
        Assert.DoesNotContain("Dan Mercer", System.Text.Json.JsonSerializer.Serialize(entry));
    }
}
