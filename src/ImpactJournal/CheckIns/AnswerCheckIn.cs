using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.CheckIns;

public sealed record AnswerInput(Guid? ImperativeId, int? Rating, string? Example, ConsentInput? ExampleConsent, string? WouldHelp);

public sealed record ConsentInput(ConsentScope? Scope, bool? Identifiable);

public sealed record AnswerCheckIn(IReadOnlyList<AnswerInput?>? Answers);

public sealed record MyCheckInAnswers(Guid CheckInId, string Status, IReadOnlyList<ImperativeAnswer> Answers, DateTimeOffset? At);

public static class AnswerCheckInEndpoint
{
    public static ProblemDetails Validate(AnswerCheckIn? command, HttpContext http)
    {
        if (command?.Answers is null) return Validation.MissingBody();
        var imperatives = CurrentMember.AllianceOf(http).Imperatives.Select(i => i.Id).ToHashSet();
        var validation = new Validation();
        for (var i = 0; i < command.Answers.Count; i++)
        {
            var field = $"answers[{i}]";
            if (command.Answers[i] is not { } answer) { validation.Add(field, "Required."); continue; }
            if (answer.ImperativeId is not { } id || !imperatives.Contains(id)) validation.Add($"{field}.imperativeId", "Must be one of the alliance's imperatives.");
            else if (command.Answers.Take(i).Any(a => a?.ImperativeId == id)) validation.Add($"{field}.imperativeId", "Answered twice.");
            if (answer.Rating is < 1 or > 5) validation.Add($"{field}.rating", "Must be 1 to 5, or null for \"can't say\".");
            validation.Text($"{field}.example", answer.Example, CheckInConfiguration.Example, required: false)
                .Text($"{field}.wouldHelp", answer.WouldHelp, CheckInConfiguration.WouldHelp, required: false);
            if (!string.IsNullOrWhiteSpace(answer.Example))
                validation.Consent($"{field}.exampleConsent", answer.ExampleConsent?.Scope, answer.ExampleConsent?.Identifiable);
        }
        return validation.ToProblem();
    }

    /// <summary>
    /// Answer the round for yourself: for each imperative a rating (1 not at all … 5 fully; null for "can't say"), an
    /// example with its consent, and what would help. Replaces your earlier answers until the round closes (409 after);
    /// sending the same answers again changes nothing.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/answers/mine", OperationId = "answerCheckIn")]
    [Authorize(Policy = AllianceAccess.Read)]
    public static (IResult, Events) Put(AnswerCheckIn command, Guid allianceId, HttpContext http, TimeProvider clock,
        [WriteAggregate("checkInId", LoadStyle = ConcurrencyStyle.Exclusive)] CheckInRound round)
    {
        var member = CurrentMember.Of(http);
        var answers = command.Answers!.Select(a => new ImperativeAnswer(a!.ImperativeId!.Value, a.Rating,
            string.IsNullOrWhiteSpace(a.Example) ? null : a.Example.Trim(),
            string.IsNullOrWhiteSpace(a.Example) ? null : new Consent(a.ExampleConsent!.Scope!.Value, a.ExampleConsent.Identifiable!.Value),
            string.IsNullOrWhiteSpace(a.WouldHelp) ? null : a.WouldHelp.Trim())).ToList();
        var earlier = round.Responses.GetValueOrDefault(member.Subject);
        if (earlier is not null && earlier.Role == member.Role && earlier.Answers.SequenceEqual(answers))
            return (Results.Ok(Mine(round, member.Subject)), []);
        if (round.Closed) return (CheckInConfiguration.Closed, []);
        var answered = new CheckInAnswered(round.Id, member.Role, answers);
        var after = round with { Responses = new Dictionary<string, CheckInResponse>(round.Responses) { [member.Subject] = new(member.Role, answers, clock.GetUtcNow()) } };
        return (Results.Ok(Mine(after, member.Subject)), [answered]);
    }

    public static MyCheckInAnswers Mine(CheckInRound round, string subject) =>
        round.Responses.GetValueOrDefault(subject) is { } mine
            ? new MyCheckInAnswers(round.Id, round.Closed ? "closed" : "open", mine.Answers, mine.At)
            : new MyCheckInAnswers(round.Id, round.Closed ? "closed" : "open", [], null);
}
