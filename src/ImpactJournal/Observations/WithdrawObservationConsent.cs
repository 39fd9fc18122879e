using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Observations;

/// <summary>Withdrawing consent from an observation: the one implementation behind the API's endpoint and the entry page's.</summary>
public static class WithdrawObservationConsentUseCase
{
    public static Task<Outcome> RunAsync(Guid observationId, WithdrawConsent? command, ActingMember acting, Withdrawing deps,
        CancellationToken ct) => UseCase.TracedAsync("WithdrawObservationConsent", acting, async () =>
        UseCase.Refusal(WithdrawConsent.Validate(command)) ?? await ConsentWithdrawals.WithdrawFromStreamAsync<Observation>(deps, acting,
            observationId, EvidenceKind.Observation, ObservationChange.NotFound,
            observation => (observation.WithdrawnAt, observation.MayBeChangedBy(acting.Member), ThemesEverOn(observation)), ct));

    /// <summary>The themes it is coded with now and was before an amendment changed them.</summary>
    private static IEnumerable<string> ThemesEverOn(Observation observation) =>
        observation.Themes.Concat((observation.Versions ?? []).SelectMany(v => v.Themes));
}

public static class WithdrawObservationConsentEndpoint
{
    /// <summary>
    /// Withdraw consent: the observation's text, place and themes are erased from the stored
    /// events and every read model; an ObservationConsentWithdrawn event records who asked and when.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/consent-withdrawal", OperationId = "withdrawObservationConsent")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [OptionalBody]
    public static async Task<IResult> Post(Guid observationId, WithdrawConsent? command, HttpContext http, IDocumentStore store,
        NpgsqlDataSource dataSource, RippleMapStates states, TimeProvider clock, CancellationToken ct) =>
        (await WithdrawObservationConsentUseCase.RunAsync(observationId, command, ActingMember.Of(http),
            new Withdrawing(store, dataSource, states, clock), ct)).ToHttp();
}
