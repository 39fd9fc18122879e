using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.Observations;

/// <summary>Whether a member may change an observation now, and if not, the refusal: the same for every change and every door.</summary>
public static class ObservationChange
{
    public static Outcome? Refusal(Observation observation, Member member)
    {
        if (!observation.MayBeChangedBy(member))
            return new Outcome.Forbidden("Partners change only their own organisation's observations.");
        if (observation.Withdrawn)
            return new Outcome.Conflict("Consent was withdrawn", "This observation's content was erased at the teller's request.");
        if (observation.Retracted)
            return new Outcome.Conflict("Retracted", "This observation was retracted and can no longer be amended.");
        return null;
    }

    /// <summary>Where the API serves the observation.</summary>
    public static string Location(ActingMember acting, Guid observationId) => $"/api/alliances/{acting.AllianceId}/observations/{observationId}";

    public const string NotFound = "There is no observation with this id in this alliance.";

    /// <summary>
    /// A change of one observation as its use case runs it: refused for field errors, else decided against the
    /// observation as it is now and appended; a concurrent writer makes it a conflict rather than waiting its turn.
    /// </summary>
    public static Task<Outcome> RunAsync(string useCase, Guid observationId, IReadOnlyDictionary<string, string[]> errors, ActingMember acting,
        IDocumentStore store, Func<Observation, Decision> decide, CancellationToken ct) => UseCase.TracedAsync(useCase, acting, async () =>
        UseCase.Refusal(errors) ?? await UseCase.ChangeStreamAsync(store, acting, observationId, false, NotFound, decide, ct));
}
