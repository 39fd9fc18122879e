using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
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

/// <summary>Logging something noticed: the one implementation behind the API's endpoint and the web app's "What did you notice?".</summary>
public static class LogObservationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(LogObservation? command, TimeProvider clock) => command is null
        ? Validation.MissingBodyErrors()
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
            .ToErrors();

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

    /// <summary>Logs it for the acting member's partner (or the one named, where the role allows). A retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(LogObservation? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(LogObservation), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command, clock)) is { } invalid) return invalid;
        var partner = PartnerOnBehalfOf.Resolve(acting.Alliance, acting.Member, command!.PartnerId);
        if (partner.Refusal is not null) return partner.Refusal;
        var (withPartners, unknown) = JointPartners.Resolve(acting.Alliance, command.WithPartners, partner.PartnerId);
        if (unknown is not null) return Outcome.InvalidField("withPartners", unknown);

        var logged = Decide(command, partner.PartnerId, withPartners);
        return await UseCase.StartStreamAsync<Observation, ObservationLogged>(starter, store, acting, logged.ObservationId, logged,
            (a, b) => a.SameAs(b), $"/api/alliances/{acting.AllianceId}/observations/{logged.ObservationId}", ct);
    });
}

public static class LogObservationEndpoint
{
    /// <summary>Log something noticed. A retry with the same id and body is answered 200 and appends nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations", OperationId = "logObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(LogObservation command, HttpContext http, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        (await LogObservationUseCase.RunAsync(command, ActingMember.Of(http), starter, store, clock, ct)).ToHttp();
}
