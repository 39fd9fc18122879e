using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Invitations;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// A resident tells a story through an invitation's link, on their own phone, with no account: their words, the alliance's
/// questions, who may read it, and a name or none. They get a reference code, shown once. A link that does not open says
/// the same whether it never existed, was revoked, expired or was used up.
/// </summary>
[AllowAnonymous]
public sealed class ResidentStoryPageModel(IDocumentStore store, TimeProvider clock) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    [BindProperty] public StoryForm Form { get; set; } = new();
    [BindProperty] public string? Name { get; set; }

    public Invitation Invitation { get; private set; } = null!;
    public SignificationFramework? Framework { get; private set; }
    public ToldByResident? Told { get; private set; }
    public bool SentAlready { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } closed) return closed;
        Form = new StoryForm { Id = Guid.CreateVersion7() };
        Form.Fit(Framework);
        foreach (var dyad in Form.Dyads) dyad.Skip = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } closed) return closed;
        Form.Fit(Framework);
        for (var i = 0; i < Form.Triads.Count; i++)
            if (Form.Triads[i].Problem() is { } problem) ModelState.AddModelError($"Form.Triads[{i}]", problem);
        if (Form.Id == Guid.Empty) Form.Id = Guid.CreateVersion7();
        var command = new TellResidentStory(Form.Id, Form.Title, Form.Narrative, Name, Form.Scope, Form.Signifiers());
        if (!ModelState.IsValid)
        {
            ModelState.AddAll(TellResidentStoryUseCase.Validate(command, Framework), FieldOf, PlainWords);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await TellResidentStoryUseCase.RunAsync(Token, command, store, clock, ct);
        switch (outcome)
        {
            case Outcome.Saved { Body: ToldByResident told }:
                Told = told;
                return Page();
            case Outcome.AlreadyThere:
                SentAlready = true;
                return Page();
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, FieldOf, PlainWords);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return DoesNotOpen();
        }
    }

    private async Task<IActionResult?> OpenAsync(CancellationToken ct)
    {
        // The link on a card is the same for both kinds: a check-in invitation's opens its round's page (only while it opens).
        if (await ResidentCheckIns.OpenAsync(store, Token, Words.Today(clock), ct) is not null)
            return LocalRedirect($"/i/{Uri.EscapeDataString(Token)}/check-in");
        if (await InvitationLinks.OpenAsync(store, Token, Words.Today(clock), ct) is not { Invitation.Kind: InvitationKind.Story } opened)
            return DoesNotOpen();
        Invitation = opened.Invitation;
        await using var session = store.QuerySession(opened.AllianceId.ToString());
        Framework = (await session.LoadAsync<Alliance>(opened.AllianceId, ct))?.Framework;
        return null;
    }

    private PartialViewResult DoesNotOpen()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_Refused", new Refusal("This link does not open", TellResidentStoryUseCase.LinkDoesNotOpen +
            " If someone gave you a card, ask them for a new one."));
    }

    private string FieldOf(string apiField) => apiField.Split('.') switch
    {
        ["signifiers", "triads", var key] => $"Form.Triads[{Form.Triads.FindIndex(t => t.Key == key)}]",
        ["signifiers", "dyads", var key] => $"Form.Dyads[{Form.Dyads.FindIndex(d => d.Key == key)}]",
        ["signifiers", "choices", var key] => $"Form.Choices[{Form.Choices.FindIndex(c => c.Key == key)}]",
        ["name"] => "Name",
        [{ Length: > 0 } field, ..] => "Form." + char.ToUpperInvariant(field[0]) + field[1..],
        _ => "Form.Title"
    };

    private static string PlainWords(string field, string message) => !message.StartsWith("Required", StringComparison.Ordinal) ? message : field switch
    {
        "title" => "Give your story a short title.",
        "narrative" => "Tell your story in your own words.",
        "scope" => "Choose who may read your story.",
        _ => message
    };
}
