using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Observations;

public sealed record ConsentInput(ConsentScope? Scope, bool? Identifiable);

public sealed record LogObservation(
    Guid? Id,
    string? Text,
    DateTimeOffset? ObservedAt,
    string? Place,
    IReadOnlyList<string?>? Themes,
    IReadOnlyList<CommunityCapital?>? Capitals,
    Valence? Valence,
    Guid? PartnerId,
    ConsentInput? Consent,
    IReadOnlyList<Guid>? WithPartners = null);

public static class LogObservationEndpoint
{
    public static ProblemDetails Validate(LogObservation? command, TimeProvider clock) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("text", command.Text, ObservationLimits.Text)
            .Required("observedAt", command.ObservedAt)
            .NotAfter("observedAt", command.ObservedAt, clock.GetUtcNow() + ObservationLimits.FutureTolerance)
            .Text("place", command.Place, ObservationLimits.Place, required: false)
            .CheckThemes("themes", command.Themes)
            .CheckCapitals("capitals", command.Capitals)
            .Defined("valence", command.Valence)
            .NotEmpty("partnerId", command.PartnerId)
            .Consent("consent", command.Consent?.Scope, command.Consent?.Identifiable)
            .CheckWithPartners("withPartners", command.WithPartners)
            .ToProblem();

    /// <summary>The event a valid command records, for the partner it was resolved to and the others named with it.</summary>
    public static ObservationLogged Decide(LogObservation command, Guid partnerId, IReadOnlyList<Guid> withPartners) => new(
        command.Id ?? Guid.CreateVersion7(),
        command.Text!.Trim(),
        command.ObservedAt!.Value,
        string.IsNullOrWhiteSpace(command.Place) ? null : command.Place.Trim(),
        Themes.Normalise(command.Themes),
        (command.Capitals ?? []).Select(c => c!.Value).Distinct().ToList(),
        command.Valence!.Value,
        partnerId,
        new Consent(command.Consent!.Scope!.Value, command.Consent.Identifiable!.Value),
        withPartners.Count == 0 ? null : withPartners);

    /// <summary>Log something noticed. A retry with the same id and body is answered 200 and appends nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations", OperationId = "logObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LogObservation command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var alliance = CurrentMember.AllianceOf(http);
        var partner = PartnerOnBehalfOf.Resolve(alliance, CurrentMember.Of(http), command.PartnerId);
        if (partner.Problem is not null) return partner.Problem;
        var (withPartners, unknown) = JointPartners.Resolve(alliance, command.WithPartners, partner.PartnerId);
        if (unknown is not null) return Results.Problem(new Validation().Add("withPartners", unknown).ToProblem());

        var logged = Decide(command, partner.PartnerId, withPartners);
        return await IdempotentCreate.StartStreamAsync<Observation, ObservationLogged>(starter, store, allianceId,
            logged.ObservationId, logged, ActingSubject.Of(http.User), (a, b) => a.SameAs(b),
            $"/api/alliances/{allianceId}/observations/{logged.ObservationId}", ct);
    }
}
