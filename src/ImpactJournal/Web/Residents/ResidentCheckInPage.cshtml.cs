using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// A resident answers a check-in round through an invitation's link, on their own phone, with no account: one tap per
/// commitment on the five-point scale in plain words, or "can't say". They get a reference code, shown once, with their
/// answers. A link that does not open says the same whether it never existed, was revoked, expired, was used up or its
/// round closed.
/// </summary>
[AllowAnonymous]
public sealed class ResidentCheckInPageModel(IDocumentStore store, TimeProvider clock) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public List<AnswerForm> Answers { get; set; } = [];

    public OpenedRound Opened { get; private set; } = null!;
    public AnsweredByResident? Answered { get; private set; }
    public bool SentAlready { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } closed) return closed;
        Id = Guid.CreateVersion7();
        Answers = [.. Opened.Alliance.Imperatives.Select(i => new AnswerForm { ImperativeId = i.Id })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } closed) return closed;
        var chosen = Answers.Where(a => !string.IsNullOrEmpty(a.Rating)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("Answers[0].Rating", "Choose an answer for at least one of them.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var command = new AnswerCheckInByInvitation(Id == Guid.Empty ? null : Id,
            [.. chosen.Select(a => new ResidentRating(a.ImperativeId, int.TryParse(a.Rating, out var rating) ? rating : null))]);
        switch (await AnswerCheckInByInvitationUseCase.RunAsync(Token, command, store, clock, ct))
        {
            case Outcome.Saved { Body: AnsweredByResident answered }:
                Answered = answered;
                return Page();
            case Outcome.AlreadyThere:
                SentAlready = true;
                return Page();
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, _ => "Answers[0].Rating", (_, message) => $"Something in the answers could not be read: {message}");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return DoesNotOpen();
        }
    }

    private async Task<IActionResult?> OpenAsync(CancellationToken ct)
    {
        if (await ResidentCheckIns.OpenAsync(store, Token, Words.Today(clock), ct) is not { } opened) return DoesNotOpen();
        Opened = opened;
        return null;
    }

    /// <summary>The same page, byte for byte, whatever the link was: it names no token and no round.</summary>
    public PartialViewResult DoesNotOpen()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_Refused", new Refusal("This link does not open", TellResidentStoryUseCase.LinkDoesNotOpen +
            " If someone gave you a card, ask them for a new one."));
    }

    /// <summary>The id of a form field, for the error summary's links.</summary>
    public static string IdOf(string key) => AnswerCheckInModel.IdOf(key);
}
