using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// What a round's answers show, for everyone: per commitment the spread of answers, the middle answer, how each role
/// sees it and where they differ, the direction across rounds, and the examples the reader may see. Prints on A4.
/// Stewards close the round here.
/// </summary>
public sealed class CheckInSummaryPageModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public Guid CheckInId { get; set; }
    [FromQuery] public string? Done { get; set; }

    public CheckInSummary Summary { get; private set; } = null!;
    public bool HaveAnswered { get; private set; }
    public bool MayClose => Member.Role == AllianceRole.Steward && Summary.Status == "open";
    public DateOnly Today => Words.Today(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward) is { } refused) return refused;
        var outcome = await CloseCheckInRoundUseCase.RunAsync(CheckInId, Acting, store, ct);
        return outcome switch
        {
            { SavedId: not null } => LocalRedirect($"/alliances/{AllianceId}/check-ins/{CheckInId}/summary?done=closed"),
            Outcome.NotFound => Refused(StatusCodes.Status404NotFound, "Not found", "There is no check-in round here."),
            _ => Refused(StatusOf(outcome), "This could not be done", Explain(outcome))
        };
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        if (rounds.FirstOrDefault(r => r.Id == CheckInId) is not { } round)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no check-in round here.");
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        Summary = GetCheckInSummaryEndpoint.Summarise(round, Alliance, viewer, rounds);
        HaveAnswered = round.Responses.ContainsKey(Subject);
        return Page();
    }

    public static string RoleWords(string role) => role switch
    {
        "steward" => "Stewards",
        "partner" => "Partners",
        "facilitator" => "Facilitators",
        _ => "Commissioners"
    };

    public static string DivergenceWords(Divergence divergence) => divergence.Level switch
    {
        "aligned" => "Roles see it much the same.",
        "differs" => $"Roles see it differently: {RoleName(divergence.Lowest)} lowest, {RoleName(divergence.Highest)} highest.",
        _ => $"Roles see it very differently — worth a conversation: {RoleName(divergence.Lowest)} lowest, {RoleName(divergence.Highest)} highest."
    };

    private static string RoleName(AllianceRole role) => RoleWords(Infrastructure.Vocabulary.Spell(role)).ToLowerInvariant();
}
