using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>A resident's rating of one commitment: 1 (not at all) to 5 (fully), or null for "can't say".</summary>
public sealed record ResidentRating(Guid? ImperativeId, int? Rating);

/// <summary>A resident's answers to the round an invitation is for; the id makes a retry safe.</summary>
public sealed record AnswerCheckInByInvitation(Guid? Id, IReadOnlyList<ResidentRating?>? Answers);

/// <summary>One of a resident's answers as they read it back: the commitment and their answer, in words.</summary>
public sealed record ResidentAnswerRead(Guid ImperativeId, string Imperative, int? Rating, string Words);

/// <summary>What a resident reads with their code: the round, whether their answers count, and the answers.</summary>
public sealed record ResidentCheckInStatus(string Round, string State, IReadOnlyList<ResidentAnswerRead> Answers, bool MayWithdraw);

/// <summary>The answer to a resident who answered: their reference code, shown this once (only its hash is kept).</summary>
public sealed record AnsweredByResident(Guid Id, string Code, ResidentCheckInStatus Status);

/// <summary>A resident answers a check-in round through an invitation, with no account: behind <c>/i/{token}/check-in</c> and the API.</summary>
public static class AnswerCheckInByInvitationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AnswerCheckInByInvitation? command, Alliance alliance)
    {
        if (command?.Answers is null) return Validation.MissingBodyErrors();
        if (command.Answers.Count == 0) return new Validation().Add("answers", "Answer at least one.").ToErrors();
        // The members' rules for ratings, from the same function: one of the alliance's imperatives, once, 1 to 5 or null.
        var asMembers = new AnswerCheckIn([.. command.Answers.Select(a => a is null ? null : new AnswerInput(a.ImperativeId, a.Rating, null, null, null))]);
        var errors = new Dictionary<string, string[]>(AnswerCheckInUseCase.Validate(asMembers, alliance));
        if (command.Id == Guid.Empty) errors["id"] = ["Must not be the empty id."];
        return errors;
    }

    /// <summary>The resident's ratings, counted under the resident role; a closed round takes none.</summary>
    public static ResidentAnsweredCheckIn? Decide(AnswerCheckInByInvitation command, Guid id, CheckInRound round, Invitation invitation) =>
        round.Closed ? null
        : new ResidentAnsweredCheckIn(round.Id, id, invitation.Id, [.. command.Answers!.Select(a => new ImperativeAnswer(a!.ImperativeId!.Value, a.Rating, null, null, null))]);

    /// <summary>
    /// Records the answers on the round and one use of the invitation together, the invitation's stream and the round's taken
    /// exclusively (in that order, always), so that the cap on uses holds however many arrive at once. A link that does not
    /// open, for a story or for a round that closed, is refused alike. A retry with the same id records nothing.
    /// </summary>
    public static Task<Outcome> RunAsync(string? token, AnswerCheckInByInvitation? command, IDocumentStore store, TimeProvider clock,
        CancellationToken ct) => UseCase.TracedAsync(nameof(AnswerCheckInByInvitation), null, async () =>
    {
        var today = Web.Words.Today(clock);
        if (await ResidentCheckIns.OpenAsync(store, token, today, ct) is not { } opened) return new Outcome.NotFound(TellResidentStoryUseCase.LinkDoesNotOpen);
        if (UseCase.Refusal(Validate(command, opened.Alliance)) is { } invalid) return invalid;

        var id = command!.Id ?? Guid.CreateVersion7();
        await using var session = TellResidentStoryUseCase.ResidentSession(store, opened.Alliance.Id);
        var invitation = await session.Events.FetchForExclusiveWriting<Invitation>(opened.Invitation.Id, ct);
        var round = await session.Events.FetchForExclusiveWriting<CheckInRound>(opened.Round.Id, ct);
        if (round.Aggregate!.Responses.ContainsKey(CheckInRound.ResidentKey(id))) return Outcome.Retried(id, ResidentCheckIns.Location);
        if (invitation.Aggregate is not { } current || !current.OpensOn(today) || Decide(command, id, round.Aggregate, current) is not { } answered)
            return new Outcome.NotFound(TellResidentStoryUseCase.LinkDoesNotOpen);

        var code = InvitationSecrets.NewCode();
        invitation.AppendOne(new InvitationUsed(id));
        round.AppendOne(answered);
        session.Store(new CheckInAnswerCode(InvitationSecrets.Hash(code), opened.Alliance.Id, round.Aggregate.Id, id));
        await session.SaveChangesAsync(ct);
        return Outcome.Created(id, ResidentCheckIns.Location,
            new AnsweredByResident(id, code, ResidentCheckIns.StatusOf(round.Aggregate, answered.Answers, opened.Alliance, counted: true)));
    });
}

/// <summary>What an invitation asks of a resident, as the API gives it to an app of their own: a story, or a round's ratings.</summary>
public sealed record InvitationAsks(string Kind, string Purpose, string? Round, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    IReadOnlyList<AskedImperative> Imperatives, IReadOnlyList<ScalePoint> Scale);

public sealed record AskedImperative(Guid Id, string Text);

public sealed record ScalePoint(int? Value, string Words);

public static class AnswerCheckInByInvitationEndpoints
{
    /// <summary>
    /// What an invitation asks, for a resident with no account: its purpose and kind; for a check-in round, the round, the
    /// commitments to rate and the rating scale in words. An unknown, revoked, expired or used-up token, or one for a round
    /// that closed, gets the same 404.
    /// </summary>
    [WolverineGet("/api/invitations/{token}", OperationId = "readInvitationAsks")]
    [AllowAnonymous]
    [ProducesResponseType<InvitationAsks>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string token, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var today = Web.Words.Today(clock);
        if (await ResidentCheckIns.OpenAsync(store, token, today, ct) is { } round) return Results.Ok(ResidentCheckIns.AsksOf(round));
        return await InvitationLinks.OpenAsync(store, token, today, ct) is { Invitation: { Kind: InvitationKind.Story } story }
            ? Results.Ok(new InvitationAsks("story", story.Purpose, null, null, null, [], []))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: TellResidentStoryUseCase.LinkDoesNotOpen);
    }

    /// <summary>
    /// A resident answers the check-in round an invitation is for, with no account: for each commitment a rating (1 not at
    /// all … 5 fully; null for "can't say"). Ratings only: they count under the <c>resident</c> role in the round's summary,
    /// under the same disclosure control as every other role, and nobody reads one resident's answers. Each answer uses the
    /// invitation once. Answers a reference code once: with it alone the resident reads their answers and may take them back
    /// while the round is open. A retry with the same <c>id</c> records nothing. An unknown, revoked, expired or used-up token,
    /// or a round that closed, gets the same 404.
    /// </summary>
    [WolverinePost("/api/invitations/{token}/check-in", OperationId = "answerCheckInByInvitation")]
    [AllowAnonymous]
    [ProducesResponseType<AnsweredByResident>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(string token, AnswerCheckInByInvitation command, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        (await AnswerCheckInByInvitationUseCase.RunAsync(token, command, store, clock, ct)).ToHttp();
}
