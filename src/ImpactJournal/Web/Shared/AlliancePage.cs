using System.Diagnostics;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

public sealed record Refusal(string Title, string Detail);

/// <summary>
/// A page inside one alliance. It checks membership and role as the API's policies do: someone who is
/// not a member is told there is nothing here (404), a member whose role does not allow the page is
/// told so plainly (403).
/// </summary>
public abstract class AlliancePage(AllianceDirectory directory) : PageModel
{
    [FromRoute]
    public Guid AllianceId { get; set; }

    public Alliance Alliance { get; private set; } = null!;

    public Member Member { get; private set; } = null!;

    protected string Subject => ActingSubject.Of(User)!;

    protected AllianceDirectory Directory => directory;

    /// <summary>The member acting on this page, as the use cases take it.</summary>
    protected ActingMember Acting => new(Alliance, Member);

    /// <summary>Null when the person may use the page; otherwise the refusal to answer with.</summary>
    protected async Task<IActionResult?> EnterAsync(params AllianceRole[] allowed)
    {
        var member = await CurrentMember.LoadAsync(HttpContext, directory, AllianceId, Subject);
        if (member is null)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no alliance here, or you are not one of its members.");
        Alliance = CurrentMember.AllianceOf(HttpContext);
        Member = member;
        ViewData["Alliance"] = Alliance;
        ViewData["Member"] = Member;
        if (allowed.Length > 0 && !allowed.Contains(member.Role))
            return Refused(StatusCodes.Status403Forbidden, "You cannot do this here",
                $"As a {Nav.RoleWords(member)} of {Alliance.Name} you can read what the alliance shares, but this page is for others.");
        return null;
    }

    /// <summary>The form again, with its field errors, answered 400.</summary>
    protected IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// A create form's id is made once and kept in its address (<c>?draft=</c>), so going back, reloading or
    /// sending it twice always names the same record: null when the address has one, else the redirect that adds it.
    /// </summary>
    protected IActionResult? RedirectToNewDraft(Guid? draft) =>
        draft is { } id && id != Guid.Empty ? null : LocalRedirect($"{Request.Path}?draft={Guid.CreateVersion7()}");

    /// <summary>Whether this member may read a record under its teller's consent today.</summary>
    protected bool MayRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] global::ImpactJournal.Journal.IConsentedRecord? record, TimeProvider clock) =>
        record is not null && record.Consent.AllowsReadingBy(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// The page that answers a use case's refusal when it is not the form's to show: not found (404) or not allowed
    /// (403). Null for the outcomes the page shows itself (saved, field errors, conflicts).
    /// </summary>
    protected IActionResult? RefusalPage(Outcome outcome) => outcome switch
    {
        Outcome.NotFound missing => Refused(StatusCodes.Status404NotFound, "Not found", missing.Detail),
        Outcome.Forbidden forbidden => Refused(StatusCodes.Status403Forbidden, "You cannot do this here", forbidden.Detail),
        _ => null
    };

    /// <summary>A use case's refusal in the words it gave, for a page that shows it in one line.</summary>
    protected static string Explain(Outcome outcome) => outcome switch
    {
        Outcome.Invalid invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
        Outcome.NotFound missing => missing.Detail,
        Outcome.Forbidden forbidden => forbidden.Detail,
        Outcome.Conflict conflict => conflict.Detail,
        _ => ""
    };

    /// <summary>The status a page answers a refusal with, as the API would.</summary>
    protected static int StatusOf(Outcome outcome) => outcome switch
    {
        Outcome.Invalid => StatusCodes.Status400BadRequest,
        Outcome.NotFound => StatusCodes.Status404NotFound,
        Outcome.Forbidden => StatusCodes.Status403Forbidden,
        Outcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status200OK
    };

    protected IActionResult Refused(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Partial("_Refused", new Refusal(title, detail));
    }
}
