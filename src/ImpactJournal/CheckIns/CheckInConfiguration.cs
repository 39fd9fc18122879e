using JasperFx.Events.Projections;
using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.CheckIns;

public static class CheckInConfiguration
{
    public const int Title = 200;
    public const int Example = 2000;
    public const int WouldHelp = 2000;

    public static void AddCheckIns(this StoreOptions opts)
    {
        opts.Projections.Snapshot<CheckInRound>(SnapshotLifecycle.Inline);
        opts.Schema.For<CheckInRound>().Index(r => r.PeriodEnd);
        // Named here so db-apply creates its table: a production service creates none of its own.
        opts.Schema.For<CheckInAnswerCode>();
        // An example's words are personal content: erased like a story's when the round's stream is masked.
        opts.Events.AddMaskingRuleForProtectedInformation<CheckInAnswered>(e => e with
        {
            Answers = [.. e.Answers.Select(a => a with { Example = null, WouldHelp = null })]
        });
    }

    public static string Location(Guid allianceId, Guid roundId) => $"/api/alliances/{allianceId}/check-ins/{roundId}";

    public const string NoSuchRound = "No check-in round with this id in this alliance.";

    /// <summary>The API's read endpoints' answer when a round is not there.</summary>
    public static IResult NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: NoSuchRound);

    public static Outcome Closed => new Outcome.Conflict("Round closed", "This check-in round is closed; its answers can no longer be changed.");
}
