using ImpactJournal.Access;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The review's summary as a page that prints cleanly on A4 for a board paper: the same summary as the
/// API's, built for this reader (a commissioner's small counts read "fewer than 5").
/// </summary>
public sealed class ReviewSummaryPageModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource,
    RippleMapStates states, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public Guid ReviewId { get; set; }

    public ReviewSummary Summary { get; private set; } = null!;

    /// <summary>The day in the UK, printed in the header of a paper copy.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Words.UkTime).DateTime);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await session.LoadAsync<LearningReview>(ReviewId, ct) is not { } review)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no learning review here.");
        Summary = await ReviewFacts.SummaryAsync(session, dataSource, states, review, Alliance, ReviewFacts.ViewerOf(HttpContext, clock), null, ct);
        return Page();
    }
}
