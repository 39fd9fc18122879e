using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One story as its teller signified it, with the most-significant-change selections and their reasons.
/// Any member who may read it can record a panel's selection; its teller's organisation (or a steward or
/// facilitator) can withdraw consent. The API's decisions, called in-process.
/// </summary>
public sealed class StoryPageModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute]
    public Guid StoryId { get; set; }

    [FromQuery]
    public string? Done { get; set; }

    [BindProperty]
    public Guid SelectionId { get; set; }

    [BindProperty]
    public string? Panel { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public Story Story { get; private set; } = null!;

    public bool MayWithdraw => Story.MayBeChangedBy(Member) && !Story.Withdrawn;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (Readable(await session.Events.AggregateStreamAsync<Story>(StoryId, token: ct)) is { } missing) return missing;
        SelectionId = Guid.CreateVersion7();
        return Page();
    }

    public async Task<IActionResult> OnPostSelectAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = WriteSession(store);
        var stream = await session.Events.FetchForWriting<Story>(StoryId, ct);
        if (Readable(stream.Aggregate) is { } missing) return missing;
        var command = new SelectStory(SelectionId == Guid.Empty ? Guid.CreateVersion7() : SelectionId, Panel, Reason);
        if (SelectStoryEndpoint.Validate(command) is HttpValidationProblemDetails invalid)
        {
            ModelState.AddAll(invalid.Errors, field => field == "panel" ? nameof(Panel) : nameof(Reason),
                (field, message) => message.StartsWith("Required", StringComparison.Ordinal)
                    ? field == "panel" ? "Name the panel that chose it." : "Say why the panel chose it."
                    : message);
            return Invalid();
        }
        var (answer, events) = SelectStoryEndpoint.Post(command, Story, AllianceId, HttpContext, clock);
        if (answer is ProblemHttpResult problem) return Refused(problem.StatusCode, problem.ProblemDetails.Title ?? "Not recorded", problem.ProblemDetails.Detail ?? "");
        stream.AppendMany([.. events]);
        await session.SaveChangesAsync(ct);
        return LocalRedirect($"/alliances/{AllianceId}/stories/{StoryId}?done=selected");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = WriteSession(store);
        var stream = await session.Events.FetchForWriting<Story>(StoryId, ct);
        if (Readable(stream.Aggregate) is { } missing) return missing;
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that this story should be erased.");
            return Invalid();
        }
        var (answer, events, pendingDone) = await ConsentWithdrawals.WithdrawAsync(store, AllianceId, StoryId, EvidenceKind.Story,
            Story.WithdrawnAt, Story.MayBeChangedBy(Member), Subject, clock, ct);
        if (answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden })
            return Refused(StatusCodes.Status403Forbidden, "You cannot do this here", "Partners withdraw consent only for their own organisation's stories.");
        stream.AppendMany([.. events]);
        pendingDone.Execute(session);
        await session.SaveChangesAsync(ct);
        return LocalRedirect($"/alliances/{AllianceId}/stories/{StoryId}?done=withdrawn");
    }

    public string PartnerName => Alliance.PartnerById(Story.PartnerId)?.Name ?? "a former partner";

    /// <summary>Holds the story when this person may read it; otherwise the "not found" to answer.</summary>
    private IActionResult? Readable(Story? story)
    {
        if (!MayRead(story, clock))
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no story here that you may read.");
        Story = story;
        return null;
    }
}
