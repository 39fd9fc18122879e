using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Observations;

/// <summary>
/// An amendment: only the fields sent change, and of those only what differs from what the observation says now is
/// recorded. <c>Place</c> "" takes the place away. <c>Consent</c> may only narrow who may read it (its scope);
/// whether someone could be recognised cannot be amended. <c>ExpectedVersion</c> (optional) is the observation's
/// <c>version</c> the change was made against; when it is no longer the latest, the amendment is refused rather than
/// silently overwriting.
/// </summary>
public sealed record AmendObservation(
    string? Text,
    IReadOnlyList<string?>? Themes,
    IReadOnlyList<CommunityCapital?>? Capitals,
    Valence? Valence,
    IReadOnlyList<Guid>? WithPartners = null,
    long? ExpectedVersion = null,
    DateTimeOffset? ObservedAt = null,
    string? Place = null,
    ConsentInput? Consent = null);

/// <summary>Amending an observation: the one implementation behind the API's endpoint and the entry page's "Amend".</summary>
public static class AmendObservationUseCase
{
    /// <summary>The same checks as logging, for the fields sent.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(AmendObservation? command, TimeProvider clock)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .Text("text", command.Text, ObservationLimits.Text, required: command.Text is not null)
            .NotAfter("observedAt", command.ObservedAt, clock.GetUtcNow() + ObservationLimits.FutureTolerance)
            .Text("place", command.Place, ObservationLimits.Place, required: false)
            .CheckThemes("themes", command.Themes)
            .CheckCapitals("capitals", command.Capitals)
            .CheckWithPartners("withPartners", command.WithPartners);
        if (command.Valence is not null) validation.Defined("valence", command.Valence);
        if (command.Consent is not null) validation.Defined("consent.scope", command.Consent.Scope);
        if (command is { Text: null, ObservedAt: null, Place: null, Themes: null, Capitals: null, Valence: null, Consent: null, WithPartners: null })
            validation.Add("body", "Amend at least one of text, observedAt, place, themes, capitals, valence, consent, withPartners.");
        return validation.ToErrors();
    }

    /// <summary>
    /// The amendment of the observation as it is now, or the refusal: not theirs to change, withdrawn or retracted,
    /// changed since the version the edit was made against, another partner named who is not in the alliance, or
    /// consent that would reach further than the teller gave it. An amendment that changes nothing records nothing.
    /// </summary>
    public static Decision Decide(AmendObservation command, Observation observation, ActingMember acting)
    {
        if (ObservationChange.Refusal(observation, acting.Member) is { } refusal) return refusal;
        if (command.ExpectedVersion is { } expected && expected != observation.Version)
            return Outcome.Stale("This observation", observation.Version, observation);
        var (withPartners, unknown) = JointPartners.Resolve(acting.Alliance, command.WithPartners, observation.PartnerId);
        if (unknown is not null) return Outcome.InvalidField("withPartners", unknown);
        if (ConsentRefusal(command.Consent, observation.Consent) is { } beyondConsent) return beyondConsent;

        var text = command.Text?.Trim();
        var place = command.Place?.Trim();
        var themes = command.Themes is null ? null : Themes.Normalise(command.Themes);
        var capitals = command.Capitals?.Select(c => c!.Value).Distinct().ToList();
        var amended = new ObservationAmended(
            text == observation.Text ? null : text,
            themes is null || themes.SequenceEqual(observation.Themes) ? null : themes,
            capitals is null || capitals.ToHashSet().SetEquals(observation.Capitals) ? null : capitals,
            command.Valence == observation.Valence ? null : command.Valence,
            command.WithPartners is null || withPartners.ToHashSet().SetEquals(observation.WithPartners) ? null : withPartners,
            command.ObservedAt == observation.ObservedAt ? null : command.ObservedAt,
            place is null || place == (observation.Place ?? "") ? null : place,
            command.Consent?.Scope == observation.Consent.Scope ? null : command.Consent?.Scope);
        var saved = Outcome.Changed(observation.Id, ObservationChange.Location(acting, observation.Id),
            new { observation.Id, amendments = observation.Amendments.Count + (amended == Unchanged ? 0 : 1) });
        if (amended == Unchanged) return new Decision(saved, []);
        return Decision.Append(saved, amended) with
        {
            Alongside = amended.Scope is { } narrower ? [new NarrowReadersNow(observation.Id, narrower)] : []
        };
    }

    private static readonly ObservationAmended Unchanged = new(null, null, null, null);

    /// <summary>
    /// Who may read it may be narrowed, never widened: widening needs the teller's fresh consent, which an amendment
    /// cannot record. Whether someone could be recognised from it was part of that consent, and is not amended either.
    /// </summary>
    private static Outcome? ConsentRefusal(ConsentInput? asked, Consent given)
    {
        var errors = new Validation();
        // Scopes run from the narrowest (alliance) to the widest (public).
        if (asked?.Scope is { } scope && scope > given.Scope)
            errors.Add("consent.scope", $"Can only be narrowed from \"{Vocabulary.Spell(given.Scope)}\": letting more people read it "
                + "needs the teller's fresh consent, which an amendment cannot record.");
        if (asked?.Identifiable is { } identifiable && identifiable != given.Identifiable)
            errors.Add("consent.identifiable", "Cannot be amended: whether someone could be recognised from it was part of the consent the teller gave.");
        return UseCase.Refusal(errors.ToErrors());
    }

    public static Task<Outcome> RunAsync(Guid observationId, AmendObservation? command, ActingMember acting, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => ObservationChange.RunAsync(nameof(AmendObservation), observationId,
        Validate(command, clock), acting, store, observation => Decide(command!, observation, acting), ct);
}

public static class AmendObservationEndpoint
{
    /// <summary>
    /// Amend an observation: any of text, observedAt, place ("" takes it away), themes, capitals, valence, withPartners,
    /// and consent.scope, which may only narrow who may read it (a wider scope is refused, 400 naming consent.scope:
    /// that needs the teller's fresh consent). Every earlier version stays in its history (<c>versions</c>). Send the
    /// <c>version</c> you read as <c>expectedVersion</c> to have the amendment refused (409, with <c>currentVersion</c>)
    /// if it changed since.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/amendments", OperationId = "amendObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(Guid observationId, AmendObservation command, HttpContext http, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        (await AmendObservationUseCase.RunAsync(observationId, command, ActingMember.Of(http), store, clock, ct)).ToHttp();
}
