using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>A check-in invitation a resident's link opened: its alliance, and the round, still open.</summary>
public sealed record OpenedRound(Alliance Alliance, Invitation Invitation, CheckInRound Round);

/// <summary>A resident's answers found by their reference code, with the round they are in.</summary>
public sealed record CodedAnswers(Alliance Alliance, CheckInRound Round, Guid ResidentAnswerId);

public static class ResidentCheckIns
{
    /// <summary>Where a resident's own things are read, with their code (no address names a code).</summary>
    public const string Location = "/api/resident";

    public const string NoSuchCode = "No answers have this code. Check it, letter by letter.";

    /// <summary>The round a check-in invitation opens today; null, alike, for every link that does not open or whose round closed.</summary>
    public static async Task<OpenedRound?> OpenAsync(IDocumentStore store, string? token, DateOnly today, CancellationToken ct)
    {
        if (await InvitationLinks.OpenAsync(store, token, today, ct) is not { Invitation: { Kind: InvitationKind.CheckIn, CheckInId: { } roundId } } opened)
            return null;
        await using var session = store.QuerySession(opened.AllianceId.ToString());
        var round = await session.LoadAsync<CheckInRound>(roundId, ct);
        var alliance = await session.LoadAsync<Alliance>(opened.AllianceId, ct);
        return round is null || round.Closed || alliance is null ? null : new OpenedRound(alliance, opened.Invitation, round);
    }

    public static InvitationAsks AsksOf(OpenedRound opened) => new("check-in", opened.Invitation.Purpose, opened.Round.Title, opened.Round.PeriodStart,
        opened.Round.PeriodEnd, [.. opened.Alliance.Imperatives.Select(i => new AskedImperative(i.Id, i.Text))],
        [.. RatingScale.Points.Select(p => new ScalePoint(p.Value, p.Words)), new ScalePoint(null, RatingScale.CantSay)]);

    /// <summary>The answers a code names; null for a code that names none (or cannot be one), alike.</summary>
    public static async Task<CodedAnswers?> FindAsync(IDocumentStore store, string? typed, CancellationToken ct)
    {
        var hash = InvitationSecrets.Hash(InvitationSecrets.NormaliseCode(typed) ?? "");
        await using var session = store.QuerySession();
        var code = await session.Query<CheckInAnswerCode>().Where(c => c.AnyTenant() && c.Id == hash).FirstOrDefaultAsync(ct);
        if (code is null) return null;
        await using var alliance = store.QuerySession(code.AllianceId.ToString());
        var round = await alliance.LoadAsync<CheckInRound>(code.RoundId, ct);
        var found = await alliance.LoadAsync<Alliance>(code.AllianceId, ct);
        return round is null || found is null ? null : new CodedAnswers(found, round, code.ResidentAnswerId);
    }

    /// <summary>What the resident reads: their answers while they count, none once taken back.</summary>
    public static ResidentCheckInStatus StatusOf(CodedAnswers coded) =>
        coded.Round.Responses.GetValueOrDefault(CheckInRound.ResidentKey(coded.ResidentAnswerId)) is { } response
            ? StatusOf(coded.Round, response.Answers, coded.Alliance, counted: true)
            : StatusOf(coded.Round, [], coded.Alliance, counted: false);

    public static ResidentCheckInStatus StatusOf(CheckInRound round, IReadOnlyList<ImperativeAnswer> answers, Alliance alliance, bool counted) =>
        new(round.Title, counted ? "counted" : "taken back",
            [.. answers.Select(a => new ResidentAnswerRead(a.ImperativeId, alliance.Imperatives.FirstOrDefault(i => i.Id == a.ImperativeId)?.Text ?? "",
                a.Rating, a.Rating is { } r ? RatingScale.WordsFor(r) : RatingScale.CantSay))],
            counted && !round.Closed);
}

/// <summary>A resident takes their check-in answers back with their code alone, while the round is open.</summary>
public static class WithdrawResidentCheckInUseCase
{
    public static Outcome RoundClosed => new Outcome.Conflict("Round closed",
        "The round has closed: its answers are final and only ever shown added together, so they can no longer be taken back one by one.");

    /// <summary>Takes the answers out of the round while it is open; taking back answers taken back already changes nothing.</summary>
    public static Decision Decide(CheckInRound round, Guid residentAnswerId, ResidentCheckInStatus takenBack)
    {
        if (!round.Responses.ContainsKey(CheckInRound.ResidentKey(residentAnswerId))) return Outcome.Changed(residentAnswerId, ResidentCheckIns.Location, takenBack);
        // Once closed, the summary's figures are final: taking one resident's answers out would let two reads be differenced.
        if (round.Closed) return RoundClosed;
        return Decision.Append(Outcome.Changed(residentAnswerId, ResidentCheckIns.Location, takenBack), new ResidentCheckInAnswersWithdrawn(residentAnswerId));
    }

    public static Task<Outcome> RunAsync(string? code, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("WithdrawResidentCheckIn", null, async () =>
        {
            if (await ResidentCheckIns.FindAsync(store, code, ct) is not { } found) return new Outcome.NotFound(ResidentCheckIns.NoSuchCode);
            await using var session = TellResidentStoryUseCase.ResidentSession(store, found.Alliance.Id);
            var round = await session.Events.FetchForExclusiveWriting<CheckInRound>(found.Round.Id, ct);
            var decision = Decide(round.Aggregate!, found.ResidentAnswerId, ResidentCheckIns.StatusOf(round.Aggregate!, [], found.Alliance, counted: false));
            if (decision.Events.Count == 0) return decision.Outcome;
            round.AppendMany([.. decision.Events]);
            await session.SaveChangesAsync(ct);
            return decision.Outcome;
        });
}

public static class ResidentCheckInEndpoints
{
    /// <summary>What a resident reads with the reference code they were given for their check-in answers: the round and their answers. Any other code gets 404.</summary>
    [WolverineGet("/api/resident/{code}/check-in", OperationId = "readResidentCheckIn")]
    [AllowAnonymous]
    [ProducesResponseType<ResidentCheckInStatus>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string code, IDocumentStore store, CancellationToken ct) =>
        await ResidentCheckIns.FindAsync(store, code, ct) is { } found
            ? Results.Ok(ResidentCheckIns.StatusOf(found))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ResidentCheckIns.NoSuchCode);

    /// <summary>
    /// A resident takes their check-in answers back with their reference code, while the round is open: they no longer count.
    /// Once the round has closed its figures are final (409). Taking back answers taken back already changes nothing.
    /// </summary>
    [WolverinePost("/api/resident/{code}/check-in", OperationId = "withdrawResidentCheckIn")]
    [AllowAnonymous]
    [ProducesResponseType<ResidentCheckInStatus>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(string code, IDocumentStore store, CancellationToken ct) =>
        (await WithdrawResidentCheckInUseCase.RunAsync(code, store, ct)).ToHttp();
}
