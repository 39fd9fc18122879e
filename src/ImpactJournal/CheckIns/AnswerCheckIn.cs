using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.CheckIns;

public sealed record AnswerInput(Guid? ImperativeId, int? Rating, string? Example, ConsentInput? ExampleConsent, string? WouldHelp);

public sealed record ConsentInput(ConsentScope? Scope, bool? Identifiable);

public sealed record AnswerCheckIn(IReadOnlyList<AnswerInput?>? Answers);

public sealed record MyCheckInAnswers(Guid CheckInId, string Status, IReadOnlyList<ImperativeAnswer> Answers, DateTimeOffset? At);

/// <summary>
/// Answering a round for yourself: behind the API's endpoint and the web app's check-in form. The answer is the
/// person's own: it is recorded under their subject, and what comes back is only their own answers.
/// </summary>
public static class AnswerCheckInUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AnswerCheckIn? command, Alliance alliance)
    {
        if (command?.Answers is null) return Validation.MissingBodyErrors();
        var imperatives = alliance.Imperatives.Select(i => i.Id).ToHashSet();
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
        return validation.ToErrors();
    }

    /// <summary>
    /// The member's answers, replacing their earlier ones until the round closes; the same answers again change nothing
    /// (also once it closed). Answers with the member's own answers as they stand after it.
    /// </summary>
    public static Decision Decide(AnswerCheckIn command, CheckInRound round, Member member, Guid allianceId, DateTimeOffset now)
    {
        var answers = command.Answers!.Select(a => new ImperativeAnswer(a!.ImperativeId!.Value, a.Rating,
            string.IsNullOrWhiteSpace(a.Example) ? null : a.Example.Trim(),
            string.IsNullOrWhiteSpace(a.Example) ? null : new Consent(a.ExampleConsent!.Scope!.Value, a.ExampleConsent.Identifiable!.Value),
            string.IsNullOrWhiteSpace(a.WouldHelp) ? null : a.WouldHelp.Trim())).ToList();
        var location = $"{CheckInConfiguration.Location(allianceId, round.Id)}/answers/mine";
        var earlier = round.Responses.GetValueOrDefault(member.Subject);
        if (earlier is not null && earlier.Role == member.Role && earlier.Answers.SequenceEqual(answers))
            return Outcome.Changed(round.Id, location, Mine(round, member.Subject));
        if (round.Closed) return CheckInConfiguration.Closed;
        var after = round with { Responses = new Dictionary<string, CheckInResponse>(round.Responses) { [member.Subject] = new(member.Role, answers, now) } };
        return Decision.Append(Outcome.Changed(round.Id, location, Mine(after, member.Subject)), new CheckInAnswered(round.Id, member.Role, answers));
    }

    public static Task<Outcome> RunAsync(AnswerCheckIn? command, Guid checkInId, ActingMember acting, IDocumentStore store, TimeProvider clock,
        CancellationToken ct) => UseCase.TracedAsync(nameof(AnswerCheckIn), acting, async () =>
            UseCase.Refusal(Validate(command, acting.Alliance)) ?? await UseCase.ChangeStreamAsync<CheckInRound>(store, acting, checkInId,
                oneWriterAtATime: true, CheckInConfiguration.NoSuchRound, round => Decide(command!, round, acting.Member, acting.AllianceId, clock.GetUtcNow()), ct));

    /// <summary>What one person may read of a round's answers: their own, and nobody else's.</summary>
    public static MyCheckInAnswers Mine(CheckInRound round, string subject) =>
        round.Responses.GetValueOrDefault(subject) is { } mine
            ? new MyCheckInAnswers(round.Id, round.Closed ? "closed" : "open", mine.Answers, mine.At)
            : new MyCheckInAnswers(round.Id, round.Closed ? "closed" : "open", [], null);
}

public static class AnswerCheckInEndpoint
{
    /// <summary>
    /// Answer the round for yourself: for each imperative a rating (1 not at all … 5 fully; null for "can't say"), an
    /// example with its consent, and what would help. Replaces your earlier answers until the round closes (409 after);
    /// sending the same answers again changes nothing.
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/answers/mine", OperationId = "answerCheckIn")]
    [Authorize(Policy = AllianceAccess.Read)]
    public static async Task<IResult> Put(AnswerCheckIn command, Guid checkInId, HttpContext http, IDocumentStore store, TimeProvider clock,
        CancellationToken ct) =>
        (await AnswerCheckInUseCase.RunAsync(command, checkInId, ActingMember.Of(http), store, clock, ct)).ToHttp();
}
