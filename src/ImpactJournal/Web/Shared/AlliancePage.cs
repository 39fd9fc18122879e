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

/// <summary>What became of a decision applied to a stream (the pages not yet moved to their use case's <c>RunAsync</c>).</summary>
public enum Applied
{
    Done,
    Missing,
    Invalid,
    Refused
}

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

    /// <summary>A session that records this person and this request on every event it appends, as the API's do.</summary>
    protected IDocumentSession WriteSession(IDocumentStore store)
    {
        var session = store.LightweightSession(AllianceId.ToString());
        session.LastModifiedBy = Subject;
        session.CorrelationId = Activity.Current?.TraceId.ToString();
        return session;
    }

    /// <summary>
    /// Applies one of the API's decisions to a stream of this alliance as the API does: with optimistic
    /// concurrency, or one writer at a time where the API takes the stream exclusively. A decision that
    /// answers null found the form invalid (the page has said why); a problem answer is a refusal.
    /// </summary>
    protected async Task<(Applied Outcome, IResult? Answer)> ApplyToStreamAsync<T>(IDocumentStore store, Guid streamId, bool oneWriterAtATime,
        Func<T, (IResult? Answer, Wolverine.Marten.Events Events)> decide, CancellationToken ct) where T : class
    {
        await using var session = WriteSession(store);
        var stream = oneWriterAtATime
            ? await session.Events.FetchForExclusiveWriting<T>(streamId, ct)
            : await session.Events.FetchForWriting<T>(streamId, ct);
        if (stream.Aggregate is not { } aggregate) return (Applied.Missing, null);
        var (answer, events) = decide(aggregate);
        if (answer is null) return (Applied.Invalid, null);
        if (answer is ProblemHttpResult) return (Applied.Refused, answer);
        stream.AppendMany([.. events]);
        await session.SaveChangesAsync(ct);
        return (Applied.Done, answer);
    }

    /// <summary>Applies a decision to the alliance's own stream; answers the refusal's words when it refuses.</summary>
    protected async Task<string?> ApplyToAllianceAsync(IDocumentStore store, Func<Alliance, (IResult Answer, Wolverine.Marten.Events Events)> decide, CancellationToken ct)
    {
        var (outcome, answer) = await ApplyToStreamAsync<Alliance>(store, AllianceId, false, alliance => decide(alliance), ct);
        return outcome == Applied.Refused ? Explain(answer!) : null;
    }

    /// <summary>A refusal from the API's decisions in the words it gave.</summary>
    protected static string Explain(IResult answer) => answer is ProblemHttpResult problem
        ? problem.ProblemDetails is HttpValidationProblemDetails invalid
            ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
            : problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "This could not be done."
        : "This could not be done.";

    protected static int StatusOf(IResult? answer) => (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status400BadRequest;

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
