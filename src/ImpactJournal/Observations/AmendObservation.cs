using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Observations;

public sealed record AmendObservation(
    string? Text,
    IReadOnlyList<string?>? Themes,
    IReadOnlyList<CommunityCapital?>? Capitals,
    Valence? Valence,
    IReadOnlyList<Guid>? WithPartners = null);

public static class AmendObservationEndpoint
{
    public static ProblemDetails Validate(AmendObservation? command)
    {
        if (command is null) return Validation.MissingBody();
        var validation = new Validation()
            .Text("text", command.Text, ObservationLimits.Text, required: false)
            .CheckThemes("themes", command.Themes)
            .CheckCapitals("capitals", command.Capitals)
            .CheckWithPartners("withPartners", command.WithPartners);
        if (command.Valence is { } valence && !Enum.IsDefined(valence)) validation.Add("valence", $"One of {Vocabulary.ListOf<Valence>()}.");
        if (command is { Text: null, Themes: null, Capitals: null, Valence: null, WithPartners: null })
            validation.Add("body", "Amend at least one of text, themes, capitals, valence, withPartners.");
        return validation.ToProblem();
    }

    /// <summary>Amend an observation; the earlier wording stays in its history.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/observations/{observationId:guid}/amendments", OperationId = "amendObservation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static (IResult, Events) Post(AmendObservation command, [WriteAggregate("observationId")] Observation observation, HttpContext http)
    {
        if (ObservationChange.Refusal(observation, CurrentMember.Of(http)) is { } refusal) return (refusal, []);
        var (withPartners, unknown) = JointPartners.Resolve(CurrentMember.AllianceOf(http), command.WithPartners, observation.PartnerId);
        if (unknown is not null) return (Results.Problem(new Validation().Add("withPartners", unknown).ToProblem()), []);
        var amended = Decide(command) with { WithPartners = command.WithPartners is null ? null : withPartners };
        return (Results.Ok(new { observation.Id, amendments = observation.Amendments.Count + 1 }), [amended]);
    }

    /// <summary>The amendment a valid command records (the web app's entry page records the same).</summary>
    public static ObservationAmended Decide(AmendObservation command) => new(
        command.Text?.Trim(),
        command.Themes is null ? null : Themes.Normalise(command.Themes),
        command.Capitals?.Select(c => c!.Value).Distinct().ToList(),
        command.Valence);
}

/// <summary>Whether a member may change an observation now, and if not, the answer to give.</summary>
public static class ObservationChange
{
    public static IResult? Refusal(Observation observation, Member member)
    {
        if (!observation.MayBeChangedBy(member))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this",
                detail: "Partners change only their own organisation's observations.");
        if (observation.Withdrawn)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Consent was withdrawn",
                detail: "This observation's content was erased at the teller's request.");
        if (observation.Retracted)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Retracted",
                detail: "This observation was retracted and can no longer be amended.");
        return null;
    }
}
