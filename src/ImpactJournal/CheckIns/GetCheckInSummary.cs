using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Marten;

namespace ImpactJournal.CheckIns;

/// <summary>An example as its consent lets the reader see it; its role is named only where 3 or more in that role answered.</summary>
public sealed record CheckInExample(string Text, string? Role);

public sealed record ImperativeSummary(Guid ImperativeId, string Text, int Answered, IReadOnlyDictionary<string, int>? Distribution,
    string? Withheld, double? Median, IReadOnlyDictionary<string, RoleView> ByRole, Divergence? Divergence, IReadOnlyList<CheckInExample> Examples,
    IReadOnlyList<string> WouldHelp, string? DirectionWords = null)
{
    /// <summary>The v1.1 name of <see cref="Withheld"/>, kept for older clients.</summary>
    public string? TooFew => Withheld;
}

/// <summary>
/// A round as everyone may see it; <c>respondents</c> of <c>eligible</c> is how many of the alliance's members answered (an
/// open round's progress), <c>residents</c> how many residents answered by invitation.
/// </summary>
public sealed record CheckInSummary(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, string Status, int Respondents,
    int Eligible, IReadOnlyList<ImperativeSummary> Imperatives, int Residents = 0);

public static class GetCheckInSummaryEndpoint
{
    /// <summary>
    /// The round as everyone may see it (residents who answered by invitation count as the <c>resident</c> role, under
    /// the same rules as every other role), made so that someone who knows who holds which role cannot work out anyone's
    /// answer, in any format or by reading it again later — nor can a member who answered the round, taking their own
    /// answer away. While the round is open: only how many have answered
    /// (<c>respondents</c> of <c>eligible</c> members, and per imperative <c>answered</c>); the rest reads null with a
    /// <c>withheld</c> reason until it closes (answers are final then, so every later read is the same). Once closed,
    /// per imperative: from 5 answers the distribution (one value only: the group's consensus) and the median, else
    /// null with <c>withheld</c> (also where all but one gave one answer and those are fewer than 5: the one would know
    /// the others' answers); each role's count (a number from 3, else the string <c>"&lt;3"</c>) and its median
    /// (from 3 ratings, and withheld for every role where the role medians beside the distribution could pin an
    /// answer, for a reader who answered or not); the divergence between the role medians shown; from 5 answers the examples whose consent lets you read
    /// them, their role named only where 3 or more of that role answered (and none named where the examples without a
    /// role would come from 1 or 2 people); and for the alliance (not commissioners) what people
    /// said would help, without names, once the distribution is shown. No one's individual rating. Per imperative,
    /// <c>directionWords</c> says which way its middle answer has gone across the closed rounds up to this round's end
    /// (the imperative trend's direction, in the words every page and summary uses).
    /// <c>?format=markdown</c> gives text/markdown, <c>?format=html</c> a printable page.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/summary", OperationId = "getCheckInSummary")]
    [ProducesResponseType<CheckInSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid checkInId, string? format, HttpContext http, TimeProvider clock, IQuerySession session, CancellationToken ct)
    {
        var chosen = format is null ? SummaryFormat.Json : Vocabulary.Parse<SummaryFormat>(format);
        if (chosen is null) return Results.Problem(new Validation().Add("format", $"One of {Vocabulary.ListOf<SummaryFormat>()}.").ToProblem());
        var rounds = await ReadCheckInRoundsEndpoint.RoundsAsync(session, ct);
        if (rounds.FirstOrDefault(r => r.Id == checkInId) is not { } round) return CheckInConfiguration.NotFound;
        var viewer = new Viewer(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var summary = Summarise(round, CurrentMember.AllianceOf(http), viewer, rounds);
        return chosen switch
        {
            SummaryFormat.Markdown => Results.Text(CheckInSummaryText.Markdown(summary), "text/markdown; charset=utf-8"),
            SummaryFormat.Html => Results.Text(CheckInSummaryText.Html(summary), "text/html; charset=utf-8"),
            _ => Results.Ok(summary)
        };
    }

    /// <summary>
    /// Whether examples may name their role: an example without one comes from the roles fewer than 3 answered in, and
    /// how many those are is the answered count less the counts shown. Where that is 1 or 2, naming the other roles
    /// would pin the unnamed examples on 1 or 2 people, so then no example names a role.
    /// </summary>
    private static bool ExamplesMayNameRoles(ImperativeRatings ratings)
    {
        var unnamed = ratings.Answered - ratings.ByRole.Values.Sum(r => r.Answered is int n ? n : 0);
        return unnamed is 0 or >= ImperativeRatings.FewestInRole;
    }

    /// <summary>
    /// The round as this viewer may see it; given the alliance's <paramref name="rounds"/>, each imperative also says its
    /// direction across the closed ones whose period ended by this round's end.
    /// </summary>
    public static CheckInSummary Summarise(CheckInRound round, Alliances.Alliance alliance, Viewer viewer, IReadOnlyList<CheckInRound>? rounds = null) => new(
        round.Id, round.Title, round.PeriodStart, round.PeriodEnd, round.Closed ? "closed" : "open", round.MembersAnswered, alliance.Members.Count,
        [.. alliance.Imperatives.Select(imperative =>
        {
            var given = round.RatingsOf(imperative.Id);
            var direction = rounds is null ? null
                : ReadCheckInRoundsEndpoint.TrendOf(imperative, [.. rounds.Where(r => r.PeriodEnd <= round.PeriodEnd)]).DirectionWords;
            if (!round.Closed)
                return new ImperativeSummary(imperative.Id, imperative.Text, given.Count, null, ImperativeRatings.Reasons.RoundOpen, null,
                    new Dictionary<string, RoleView>(), null, [], [], direction);
            var ratings = ImperativeRatings.Of(given);
            var namesRoles = ExamplesMayNameRoles(ratings);
            // Examples, like suggestions, only once the distribution shows: from fewer, byRole would say whose they are.
            var examples = ratings.Distribution is null ? [] : round.Responses.Values
                .SelectMany(r => r.Answers.Where(a => a.ImperativeId == imperative.Id && a.Example is not null
                                                      && a.ExampleConsent!.AllowsReadingBy(viewer.Role, viewer.Today))
                    .Select(a => new CheckInExample(a.Example!, namesRoles && ratings.ByRole[r.Role].Answered is int ? Vocabulary.Spell(r.Role) : null)))
                .OrderBy(e => e.Role, StringComparer.Ordinal).ThenBy(e => e.Text, StringComparer.Ordinal).ToList();
            // Suggestions go to the alliance without names, and only once the distribution shows (so none is pinned on one person).
            IReadOnlyList<string> wouldHelp = viewer.IsCommissioner || ratings.Distribution is null ? [] :
                [.. round.Responses.Values.SelectMany(r => r.Answers.Where(a => a.ImperativeId == imperative.Id && a.WouldHelp is not null))
                    .Select(a => a.WouldHelp!).Order(StringComparer.Ordinal)];
            return new ImperativeSummary(imperative.Id, imperative.Text, ratings.Answered, ratings.Distribution, ratings.Withheld, ratings.Median,
                ratings.ByRole.ToDictionary(r => Vocabulary.Spell(r.Key), r => r.Value), ratings.Divergence, examples, wouldHelp, direction);
        })], round.ResidentsAnswered);
}
