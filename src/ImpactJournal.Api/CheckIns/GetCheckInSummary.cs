using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Marten;

namespace ImpactJournal.CheckIns;

public sealed record CheckInExample(string Text, string Role);

public sealed record ImperativeSummary(Guid ImperativeId, string Text, int Answered, IReadOnlyDictionary<string, int>? Distribution,
    string? TooFew, double? Median, IReadOnlyDictionary<string, RoleView> ByRole, Divergence? Divergence, IReadOnlyList<CheckInExample> Examples,
    IReadOnlyList<string> WouldHelp);

public sealed record CheckInSummary(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, string Status, int Respondents,
    IReadOnlyList<ImperativeSummary> Imperatives);

public static class GetCheckInSummaryEndpoint
{
    /// <summary>
    /// The round as everyone may see it: per imperative the distribution of answers (shown from 3 answers, else
    /// "too few answers to show"), the median, each role's view and the divergence between roles, and the examples
    /// whose consent lets you read them; for the alliance (not commissioners) what people said would help, without names,
    /// once 3 answered. No one's individual rating. <c>?format=markdown</c> gives text/markdown,
    /// <c>?format=html</c> a printable page.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/check-ins/{checkInId:guid}/summary", OperationId = "getCheckInSummary")]
    [ProducesResponseType<CheckInSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid checkInId, string? format, HttpContext http, TimeProvider clock, IQuerySession session, CancellationToken ct)
    {
        var chosen = format is null ? SummaryFormat.Json : Vocabulary.Parse<SummaryFormat>(format);
        if (chosen is null) return Results.Problem(new Validation().Add("format", $"One of {Vocabulary.ListOf<SummaryFormat>()}.").ToProblem());
        if (await session.LoadAsync<CheckInRound>(checkInId, ct) is not { } round) return CheckInConfiguration.NotFound;
        var viewer = new Viewer(CurrentMember.Of(http).Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var summary = Summarise(round, CurrentMember.AllianceOf(http), viewer);
        return chosen switch
        {
            SummaryFormat.Markdown => Results.Text(CheckInSummaryText.Markdown(summary), "text/markdown; charset=utf-8"),
            SummaryFormat.Html => Results.Text(CheckInSummaryText.Html(summary), "text/html; charset=utf-8"),
            _ => Results.Ok(summary)
        };
    }

    public static CheckInSummary Summarise(CheckInRound round, Alliances.Alliance alliance, Viewer viewer) => new(
        round.Id, round.Title, round.PeriodStart, round.PeriodEnd, round.Closed ? "closed" : "open", round.Responses.Count,
        [.. alliance.Imperatives.Select(imperative =>
        {
            var ratings = ImperativeRatings.Of(round.RatingsOf(imperative.Id));
            var examples = round.Responses.Values
                .SelectMany(r => r.Answers.Where(a => a.ImperativeId == imperative.Id && a.Example is not null
                                                      && a.ExampleConsent!.AllowsReadingBy(viewer.Role, viewer.Today))
                    .Select(a => new CheckInExample(a.Example!, Vocabulary.Spell(r.Role))))
                .OrderBy(e => e.Role, StringComparer.Ordinal).ThenBy(e => e.Text, StringComparer.Ordinal).ToList();
            // Suggestions go to the alliance without names, and only once three people answered (so none is pinned on one person).
            IReadOnlyList<string> wouldHelp = viewer.IsCommissioner || ratings.Distribution is null ? [] :
                [.. round.Responses.Values.SelectMany(r => r.Answers.Where(a => a.ImperativeId == imperative.Id && a.WouldHelp is not null))
                    .Select(a => a.WouldHelp!).Order(StringComparer.Ordinal)];
            return new ImperativeSummary(imperative.Id, imperative.Text, ratings.Answered, ratings.Distribution,
                ratings.Distribution is null ? "too few answers to show" : null, ratings.Median,
                ratings.ByRole.ToDictionary(r => Vocabulary.Spell(r.Key), r => r.Value), ratings.Divergence, examples, wouldHelp);
        })]);
}
