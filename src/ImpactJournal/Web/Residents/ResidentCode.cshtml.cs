using ImpactJournal.Invitations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ImpactJournal.Web;

/// <summary>
/// A resident types their reference code to see what became of their story, and may take it back. The code travels only in
/// the form's body, never in an address.
/// </summary>
[AllowAnonymous]
public sealed class ResidentCodeModel(IDocumentStore store, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    public ResidentStoryStatus? Status { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        if (await ResidentStories.FindAsync(store, Code, ct) is not { } found) return NoSuchCode();
        Status = ResidentStories.StatusOf(found.Story);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!Confirmed)
        {
            Problem = "Tick the box to say you want to take your story back.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnPostReadAsync(ct) is PageResult ? Page() : NoSuchCode();
        }
        var outcome = await WithdrawResidentStoryUseCase.RunAsync(Code, store, clock, ct);
        if (outcome is not Infrastructure.UseCases.Outcome.Saved { Body: ResidentStoryStatus status }) return NoSuchCode();
        Status = status;
        return Page();
    }

    private PageResult NoSuchCode()
    {
        Problem = ResidentStories.NoSuchCode;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
