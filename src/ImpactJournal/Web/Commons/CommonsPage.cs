using TrendSentence = ImpactJournal.Indicators.TrendSentence;
using ImpactJournal.Commons;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// A page of the learning commons: open to members of every alliance, and to people not signed in when the installation
/// opened the commons (<c>Commons:OpenToVisitors</c>); a signed-out visitor is otherwise sent to sign in.
/// </summary>
public abstract class CommonsPage(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : PageModel
{
    protected IDocumentStore Store => store;

    protected DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Null when the person may read the commons; otherwise the answer for them.</summary>
    protected async Task<IActionResult?> EnterAsync(CancellationToken ct)
    {
        if (await CommonsAccess.MayReadAsync(User, configuration, store, ct)) return null;
        if (!SignedIn) return Challenge();
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Partial("_Refused", new Refusal("Only for members of an alliance",
            "The learning commons is read by the members of the alliances on this installation. Once you belong to one, it opens to you."));
    }

    protected IActionResult NotInCommons()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_Refused", new Refusal("Not in the commons", "There is no such item in the learning commons: it may have been taken out."));
    }

    public static string KindWords(PublicationKind kind) => kind switch
    {
        PublicationKind.Map => "Ripple map",
        PublicationKind.Review => "Learning review",
        PublicationKind.Imperative => "Commitment",
        _ => "Story",
    };

    public static string Period(DateOnly from, DateOnly to) =>
        from == to ? TrendSentence.Day(from) : $"{TrendSentence.Day(from)} to {TrendSentence.Day(to)}";
}
