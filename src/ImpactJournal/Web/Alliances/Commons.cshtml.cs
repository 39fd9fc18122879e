using ImpactJournal.Alliances;
using TrendSentence = ImpactJournal.Indicators.TrendSentence;
using ImpactJournal.Access;
using ImpactJournal.Commons;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>One thing the alliance could share, and whether it is in the commons now.</summary>
public sealed record Shareable(PublicationKind Kind, Guid Id, string Title, string? Note, CommonsPublication? Publication)
{
    public bool Shared => Publication?.Published == true;
}

/// <summary>
/// The steward's page for the learning commons: the alliance's public profile (writing it joins the commons), what it could
/// share item by item with a button each to publish or take out, and leaving the commons. Each is the API's use case.
/// </summary>
public sealed class ShareInCommonsModel(AllianceDirectory directory, IDocumentStore store, RippleMapStates maps, TimeProvider clock) : AlliancePage(directory)
{
    [FromQuery] public string? Done { get; set; }
    [BindProperty] public string? ProfileName { get; set; }
    [BindProperty] public string? About { get; set; }
    [BindProperty] public string? CollaborationModel { get; set; }
    [BindProperty] public bool ShowPartnerNames { get; set; }
    [BindProperty] public PublicationKind? Kind { get; set; }
    [BindProperty] public Guid? ItemId { get; set; }

    public CommonsMembership? Membership { get; private set; }
    public IReadOnlyList<Shareable> Shareables { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await ShowAsync(StatusCodes.Status200OK, fillForm: true, ct);
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        var outcome = await WriteCommonsProfileUseCase.RunAsync(new WriteCommonsProfile(ProfileName, About, CollaborationModel, ShowPartnerNames), Acting, store, ct);
        if (outcome is Outcome.Invalid invalid)
        {
            ModelState.AddAll(invalid.Errors, field => field switch { "name" => nameof(ProfileName), "about" => nameof(About), _ => nameof(CollaborationModel) },
                (field, message) => field switch
                {
                    "name" => "Write the name the commons shows.",
                    "about" => message.StartsWith("Required", StringComparison.Ordinal) ? "Say in a few sentences who you are and what you do together." : message,
                    _ => "Choose the collaboration model closest to yours.",
                });
            return await ShowAsync(StatusCodes.Status400BadRequest, fillForm: false, ct);
        }
        return await AnswerAsync(outcome, "profile", ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await AnswerAsync(await PublishToCommonsUseCase.RunAsync(new PublishToCommons(Kind, ItemId), Acting, store, maps, clock, ct), "published", ct);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await AnswerAsync(await UnpublishFromCommonsUseCase.RunAsync(ItemId ?? Guid.Empty, Acting, store, ct), "unpublished", ct);
    }

    public async Task<IActionResult> OnPostLeaveAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        return await AnswerAsync(await LeaveCommonsUseCase.RunAsync(Acting, store, ct), "left", ct);
    }

    private async Task<IActionResult> AnswerAsync(Outcome outcome, string done, CancellationToken ct)
    {
        if (outcome.SavedId is not null) return LocalRedirect($"/alliances/{AllianceId}/commons?done={done}");
        if (RefusalPage(outcome) is { } refused) return refused;
        Refusal = Explain(outcome);
        return await ShowAsync(StatusOf(outcome), fillForm: true, ct);
    }

    private async Task<IActionResult> ShowAsync(int status, bool fillForm, CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        Membership = await session.LoadAsync<CommonsMembership>(CommonsMembership.IdOf(AllianceId), ct);
        if (fillForm)
        {
            var profile = Membership?.Profile;
            ProfileName = profile?.Name ?? Alliance.Name;
            About = profile?.About ?? Alliance.SharedPurpose;
            CollaborationModel = profile?.CollaborationModel ?? Alliance.CollaborationModel ?? CollaborationModels.Of(Alliance.AgreementType);
            ShowPartnerNames = profile?.ShowPartnerNames ?? false;
        }
        var publications = (await session.Query<CommonsPublication>().ToListAsync(ct)).ToDictionary(p => p.SourceId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var mapHeaders = await session.Query<RippleMapHeader>().OrderByDescending(m => m.LastChangedAt).ToListAsync(ct);
        var reviews = await session.Query<LearningReview>().Where(r => r.ClosedAt != null).OrderByDescending(r => r.PeriodEnd).ToListAsync(ct);
        var stories = await session.Query<Story>().Where(s => s.Consent.Scope == ConsentScope.Public && !s.Consent.Identifiable && s.WithdrawnAt == null)
            .OrderByDescending(s => s.ToldOn).Take(200).ToListAsync(ct);
        Shareable Of(PublicationKind kind, Guid id, string title, string? note) => new(kind, id, title, note, publications.GetValueOrDefault(id));
        Shareables =
        [
            .. mapHeaders.Select(m => Of(PublicationKind.Map, m.Id, m.Focus, Words.Count(m.Ripples, "ripple"))),
            .. reviews.Select(r => Of(PublicationKind.Review, r.Id, r.Title, CommonsPage.Period(r.PeriodStart, r.PeriodEnd))),
            .. Alliance.Imperatives.Select(i => Of(PublicationKind.Imperative, i.Id, i.Text, null)),
            .. stories.Where(s => CommonsCopies.WhyNotPublic(s, today) is null).Select(s => Of(PublicationKind.Story, s.Id, s.Title!, $"told {TrendSentence.Day(s.ToldOn)}")),
        ];
        Response.StatusCode = status;
        return Page();
    }
}
