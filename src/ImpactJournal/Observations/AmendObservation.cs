using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Observations;

/// <summary>
/// An amendment: only the fields sent change. <c>ExpectedVersion</c> (optional) is the observation's <c>version</c> the
/// change was made against; when it is no longer the latest, the amendment is refused rather than silently overwriting.
/// </summary>
public sealed record AmendObservation(
    string? Text,
    IReadOnlyList<string?>? Themes,
    IReadOnlyList<CommunityCapital?>? Capitals,
    Valence? Valence,
    IReadOnlyList<Guid>? WithPartners = null,
    long? ExpectedVersion = null);

/// <summary>Amending an observation: the one implementation behind the API's endpoint and the entry page's "Amend".</summary>
public static class AmendObservationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AmendObservation? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .Text("text", command.Text, ObservationLimits.Text, required: false)
            .CheckThemes("themes", command.Themes)
            .CheckCapitals("capitals", command.Capitals)
            .CheckWithPartners("withPartners", command.WithPartners);
        if (command.Valence is { } valence && !Enum.IsDefined(valence)) validation.Add("valence", $"One of {Vocabulary.ListOf<Valence>()}.");
        if (command is { Text: null, Themes: null, Capitals: null, Valence: null, WithPartners: null })
            validation.Add("body", "Amend at least one of text, themes, capitals, valence, withPartners.");
        return validation.ToErrors();
    }

    /// <summary>
    /// The amendment of the observation as it is now, or the refusal: not theirs to change, withdrawn or retracted,
    /// changed since the version the edit was made against, or another partner named who is not in the alliance.
    /// </summary>
    public static Decision Decide(AmendObservation command, Observation observation, ActingMember acting)
    {
        if (ObservationChange.Refusal(observation, acting.Member) is { } refusal) return refusal;
        if (command.ExpectedVersion is { } expected && expected != observation.Version)
            return Outcome.Stale("This observation", observation.Version, observation);
        var (withPartners, unknown) = JointPartners.Resolve(acting.Alliance, command.WithPartners, observation.PartnerId);
        if (unknown is not null) return Outcome.InvalidField("withPartners", unknown);

        var amended = new ObservationAmended(
            command.Text?.Trim(),
            command.Themes is null ? null : Themes.Normalise(command.Themes),
            command.Capitals?.Select(c => c!.Value).Distinct().ToList(),
            command.Valence,
            command.WithPartners is null ? null : withPartners);
        return Decision.Append(Outcome.Changed(observation.Id, ObservationChange.Location(acting, observation.Id),
            new { observation.Id, amendments = observation.Amendments.Count + 1 }), amended);
    }

    public static Task<Outcome> RunAsync(Guid observationId, AmendObservation? command, ActingMember acting, IDocumentStore store,
        CancellationToken ct) => ObservationChange.RunAsync(nameof(AmendObservation), observationId, Validate(command), acting, store,
        observation => Decide(command!, observation, acting), ct);
}

public static class AmendObservationEndpoint
{
    /// <summary>
    /// Amend an observation; the earlier wording stays in its history. Send the <c>version</c> you read as
    /// <c>expectedVersion</c> to have the amendment refused (409, with <c>currentVersion</c>) if it changed since.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/amendments", OperationId = "amendObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(Guid observationId, AmendObservation command, HttpContext http, IDocumentStore store,
        CancellationToken ct) =>
        (await AmendObservationUseCase.RunAsync(observationId, command, ActingMember.Of(http), store, ct)).ToHttp();
}
