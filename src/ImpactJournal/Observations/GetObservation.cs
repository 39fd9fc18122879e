using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public static class GetObservationEndpoint
{
    /// <summary>
    /// One observation as it stands (retracted ones too), with its history: <c>amendments</c> (what each changed) and
    /// <c>versions</c>, every version's words oldest first, the first as it was logged. Earlier versions' words (text,
    /// place, themes, in <c>versions</c> and <c>amendments[].changes</c>) only to the observation's own partner
    /// organisation and stewards; other readers see when each version came and <c>versions[].changed</c>. Its themes read as the codebook
    /// names them now; <c>codedWith</c> keeps the words it was coded with when those differ. Only to readers its teller's
    /// consent reaches now; after withdrawal, only that it existed.
    /// </summary>
    [WolverineGet(AllianceRoute.Prefix + "/observations/{observationId:guid}", OperationId = "getObservation")]
    public static async Task<Results<Ok<Observation>, Ok<WithdrawnRecord>, NotFound>> Get(
        Guid observationId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var observation = (await session.Events.AggregateStreamAsync<Observation>(observationId, token: ct))?.WithVersions();
        var member = CurrentMember.Of(http);
        if (observation is not null) observation = observation.InCodebook(await Codebooks.OfAllianceAsync(session, ct)).ForReader(member);
        return ConsentedRead.Answer(observation, member.Role, clock);
    }
}
