using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// One story as its teller signified it, with the most-significant-change selections and their reasons.
/// Any member who may read it can record a panel's selection; its teller's organisation (or a steward or
/// facilitator) can withdraw consent. The same use cases as the API's.
/// </summary>
public sealed class StoryPageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource,
    RippleMapStates states, TimeProvider clock) : AlliancePage(directory)
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

    /// <summary>Those who run most-significant-change panels record their selections: the same roles the API allows.</summary>
    public bool MayRecordSelection => PanelRunners.Contains(Member.Role);

    private static AllianceRole[] PanelRunners => AllianceAccess.RolesByPolicy[AllianceAccess.Facilitate];

    public bool MayWithdraw => Story.MayBeChangedBy(Member) && !Story.Withdrawn;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await ReadableAsync(ct) is { } missing) return missing;
        SelectionId = Guid.CreateVersion7();
        return Page();
    }

    public async Task<IActionResult> OnPostSelectAsync(CancellationToken ct)
    {
        if (await EnterAsync(PanelRunners) is { } refused) return refused;
        if (await ReadableAsync(ct) is { } missing) return missing;
        var command = new SelectStory(SelectionId == Guid.Empty ? Guid.CreateVersion7() : SelectionId, Panel, Reason);
        var outcome = await SelectStoryUseCase.RunAsync(StoryId, command, Acting, store, clock, ct);
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/stories/{StoryId}?done=selected");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => field == "panel" ? nameof(Panel) : nameof(Reason),
                    (field, message) => message.StartsWith("Required", StringComparison.Ordinal)
                        ? field == "panel" ? "Name the panel that chose it." : "Say why the panel chose it."
                        : message);
                return Invalid();
            case Outcome.Conflict conflict:
                return Refused(StatusCodes.Status409Conflict, conflict.Title, conflict.Detail);
            default:
                return RefusalPage(outcome)!;
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        if (await ReadableAsync(ct) is { } missing) return missing;
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm that this story should be erased.");
            return Invalid();
        }
        var outcome = await WithdrawStoryConsentUseCase.RunAsync(StoryId, null, Acting, new Withdrawing(store, dataSource, states, clock), ct);
        return outcome switch
        {
            { SavedId: not null } => LocalRedirect($"/alliances/{AllianceId}/stories/{StoryId}?done=withdrawn"),
            Outcome.Forbidden => Refused(StatusCodes.Status403Forbidden, "You cannot do this here", "Partners withdraw consent only for their own organisation's stories."),
            _ => RefusalPage(outcome)!
        };
    }

    public string PartnerName => Alliance.PartnerById(Story.PartnerId)?.Name ?? "a former partner";

    /// <summary>Loads the story this page shows; null when this person may read it, otherwise the "not found" to answer.</summary>
    private async Task<IActionResult?> ReadableAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        var story = await session.Events.AggregateStreamAsync<Story>(StoryId, token: ct);
        if (!MayRead(story, clock))
            return Refused(StatusCodes.Status404NotFound, "Not found", SelectStoryUseCase.NoStory);
        Story = story;
        return null;
    }
}
