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
    ConsentInput? Consent);

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
            .ToProblem();

    /// <summary>The event a valid command records, for the partner it was resolved to.</summary>
    public static ObservationLogged Decide(LogObservation command, Guid partnerId) => new(
        command.Id ?? Guid.CreateVersion7(),
        command.Text!.Trim(),
        command.ObservedAt!.Value,
        string.IsNullOrWhiteSpace(command.Place) ? null : command.Place.Trim(),
        Themes.Normalise(command.Themes),
        (command.Capitals ?? []).Select(c => c!.Value).Distinct().ToList(),
        command.Valence!.Value,
        partnerId,
        new Consent(command.Consent!.Scope!.Value, command.Consent.Identifiable!.Value));

    /// <summary>Log something noticed. A retry with the same id and body is answered 200 and appends nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations", OperationId = "logObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LogObservation command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var partner = PartnerOnBehalfOf.Resolve(CurrentMember.AllianceOf(http), CurrentMember.Of(http), command.PartnerId);
        if (partner.Problem is not null) return partner.Problem;

        var logged = Decide(command, partner.PartnerId);
        return await IdempotentCreate.StartStreamAsync<Observation, ObservationLogged>(starter, store, allianceId,
            logged.ObservationId, logged, ActingSubject.Of(http.User), (a, b) => a.SameAs(b),
            $"/api/alliances/{allianceId}/observations/{logged.ObservationId}", ct);
    }
}
