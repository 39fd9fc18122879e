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
    public ResidentCheckInStatus? CheckIn { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        if (await ResidentStories.FindAsync(store, Code, ct) is { } found) Status = ResidentStories.StatusOf(found.Story);
        else if (await ResidentCheckIns.FindAsync(store, Code, ct) is { } answers) CheckIn = ResidentCheckIns.StatusOf(answers);
        else return NoSuchCode();
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAnswersAsync(CancellationToken ct)
    {
        if (!Confirmed)
        {
            Problem = "Tick the box to say you want to take your answers back.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnPostReadAsync(ct) is PageResult ? Page() : NoSuchCode();
        }
        switch (await WithdrawResidentCheckInUseCase.RunAsync(Code, store, ct))
        {
            case Infrastructure.UseCases.Outcome.Saved { Body: ResidentCheckInStatus status }:
                CheckIn = status;
                return Page();
            case Infrastructure.UseCases.Outcome.Conflict closed:
                Problem = closed.Detail;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await OnPostReadAsync(ct) is PageResult ? Page() : NoSuchCode();
            default:
                return NoSuchCode();
        }
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
