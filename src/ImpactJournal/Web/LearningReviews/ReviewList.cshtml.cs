using ImpactJournal.Access;
using ImpactJournal.LearningReviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The alliance's learning reviews, latest period first.</summary>
public sealed class ReviewListModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    public IReadOnlyList<LearningReview> Reviews { get; private set; } = [];

    public bool MayOpen => Member.Role is AllianceRole.Facilitator or AllianceRole.Steward;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        Reviews = await session.Query<LearningReview>().OrderByDescending(r => r.PeriodEnd).ThenBy(r => r.Id).Take(100).ToListAsync(ct);
        return Page();
    }
}
