using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// Residents' stories waiting for review: a member of the inviting partner, or a steward, reads each before it joins the
/// journal (for safeguarding: third parties named, an immediate risk), then accepts it, accepts it with a change (an
/// amendment, with its reason), or declines it with a reason the resident reads under their code.
/// </summary>
public sealed class WaitingStoriesModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    public IReadOnlyList<ResidentStory> Waiting { get; private set; } = [];

    [FromQuery] public string? Done { get; set; }
    [FromQuery] public Guid? ResidentStoryId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Narrative { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Steward) is { } refused) return refused;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Steward) is { } refused) return refused;
        var outcome = await ReviewResidentStoryUseCase.RunAsync(ResidentStoryId ?? Guid.Empty, new ReviewResidentStory(Decision, Reason, Title, Narrative),
            Acting, store, ct);
        if (outcome is Outcome.Saved) return LocalRedirect($"/alliances/{AllianceId}/stories/waiting?done={(Decision == "decline" ? "declined" : "accepted")}");
        if (RefusalPage(outcome) is { } refusal) return refusal;
        Problem = outcome is Outcome.Invalid invalid ? string.Join(" ", invalid.Errors.Select(e => PlainWords(e.Key, e.Value[0]))) : Explain(outcome);
        Response.StatusCode = StatusOf(outcome);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        Waiting = await ReadWaitingStoriesEndpoint.WaitingAsync(session, Member, ct);
    }

    private static string PlainWords(string field, string message) => field switch
    {
        "reason" => "Give a reason: the resident reads a decline's reason, and a change needs one to say why.",
        "decision" => "Choose to accept or decline.",
        _ => message
    };
}
