using System.Text.RegularExpressions;
using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>One imperative's answer as the form holds it: a rating "1"–"5", "cant-say", or nothing chosen yet.</summary>
public sealed class AnswerForm
{
    public Guid ImperativeId { get; set; }
    public string? Rating { get; set; }
    public string? Example { get; set; }
    public ConsentScope? Scope { get; set; }
    public bool Identifiable { get; set; }
    public string? WouldHelp { get; set; }
}

/// <summary>
/// Answering a check-in on a phone: one tap per commitment on a five-point scale in plain words (or "can't say"),
/// an example and what would help folded away until wanted. Shown with the person's own earlier answers, which they
/// may change until the round closes; the API's own use case, called in-process.
/// </summary>
public sealed partial class AnswerCheckInModel(AllianceDirectory directory, IDocumentStore store, TimeProvider clock) : AlliancePage(directory)
{
    public const string CantSay = "cant-say";

    [FromRoute] public Guid CheckInId { get; set; }
    [BindProperty] public List<AnswerForm> Answers { get; set; } = [];

    public CheckInRound Round { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        var mine = Round.Responses.GetValueOrDefault(Subject)?.Answers ?? [];
        Answers = [.. Alliance.Imperatives.Select(i => mine.FirstOrDefault(a => a.ImperativeId == i.Id) is { } a
            ? new AnswerForm
            {
                // As on "What did you notice?": an example is for the alliance unless the person chooses otherwise.
                ImperativeId = i.Id, Rating = a.Rating?.ToString() ?? CantSay, Example = a.Example, Scope = a.ExampleConsent?.Scope ?? ConsentScope.Alliance,
                Identifiable = a.ExampleConsent?.Identifiable ?? false, WouldHelp = a.WouldHelp
            }
            : new AnswerForm { ImperativeId = i.Id, Scope = ConsentScope.Alliance })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        var chosen = Answers.Where(a => !string.IsNullOrEmpty(a.Rating) || !string.IsNullOrWhiteSpace(a.Example) || !string.IsNullOrWhiteSpace(a.WouldHelp)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("Answers[0].Rating", "Choose an answer for at least one commitment.");
            return Invalid();
        }
        var command = new AnswerCheckIn([.. chosen.Select(a => new AnswerInput(a.ImperativeId,
            int.TryParse(a.Rating, out var rating) ? rating : null, a.Example,
            new ConsentInput(a.Scope, a.Identifiable), a.WouldHelp))]);
        var outcome = await AnswerCheckInUseCase.RunAsync(command, CheckInId, Acting, store, clock, ct);
        switch (outcome)
        {
            case { SavedId: not null }:
                return LocalRedirect($"/alliances/{AllianceId}/check-ins/{CheckInId}/summary?done=answered");
            case Outcome.Invalid invalid:
                ModelState.AddAll(invalid.Errors, field => FormField(field, chosen), (field, message) => PlainWords(field, message, chosen));
                return Invalid();
            case Outcome.Conflict closed:
                ModelState.AddModelError("Answers[0].Rating", closed.Detail);
                return Invalid();
            default:
                return RefusalPage(outcome)!;
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await session.LoadAsync<CheckInRound>(CheckInId, ct) is not { } round)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no check-in round here.");
        Round = round;
        return null;
    }

    /// <summary>The form field an API error belongs beside: "answers[2].exampleConsent.scope" of the chosen answers → the third chosen imperative's Scope.</summary>
    private string FormField(string apiField, List<AnswerForm> chosen)
    {
        var match = ApiField().Match(apiField);
        if (!match.Success) return "Answers[0].Rating";
        var index = Answers.IndexOf(chosen[int.Parse(match.Groups["index"].Value)]);
        var property = match.Groups["property"].Value switch
        {
            "example" => nameof(AnswerForm.Example),
            "exampleConsent" => nameof(AnswerForm.Scope),
            "wouldHelp" => nameof(AnswerForm.WouldHelp),
            _ => nameof(AnswerForm.Rating)
        };
        return $"Answers[{index}].{property}";
    }

    /// <summary>An API error in words that name the commitment it is about: "answers[1].exampleConsent.scope" → choose who may read the example for it.</summary>
    private string PlainWords(string apiField, string message, List<AnswerForm> chosen)
    {
        var match = ApiField().Match(apiField);
        if (!match.Success) return message;
        var imperative = Alliance.Imperatives.FirstOrDefault(i => i.Id == chosen[int.Parse(match.Groups["index"].Value)].ImperativeId);
        if (imperative is null) return message;
        return match.Groups["property"].Value == "exampleConsent"
            ? $"Choose who may read your example for “{imperative.Text}”."
            : $"For “{imperative.Text}”: {message}";
    }

    /// <summary>The id of a form field, for the error summary's links: "Answers[2].Scope" → "answers-2-scope".</summary>
    public static string IdOf(string key) => NotWord().Replace(key, "-").Trim('-').ToLowerInvariant();

    [GeneratedRegex(@"^answers\[(?<index>\d+)\]\.?(?<property>[A-Za-z]*)")]
    private static partial Regex ApiField();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NotWord();
}
