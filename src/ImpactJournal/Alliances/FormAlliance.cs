using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record FormAlliance(Guid? Id, string? Name, AgreementType? AgreementType, string? SharedPurpose);

/// <summary>
/// Forming an alliance. There is no member yet: the person forming it acts as the founding steward of the alliance
/// their command forms, which is also its own tenant.
/// </summary>
public static class FormAllianceUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(FormAlliance? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, AllianceLimits.Name)
            .Defined("agreementType", command.AgreementType)
            .Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose)
            .ToErrors();

    public static AllianceFormed Decide(FormAlliance command, string subject, string displayName) => new(
        command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(), command.AgreementType!.Value, command.SharedPurpose!.Trim(), subject, displayName);

    /// <summary>Forms it under its id; a retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(FormAlliance? command, string subject, string displayName, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(FormAlliance), null, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var formed = Decide(command!, subject, displayName);
        var alliance = Alliance.Formed(formed, clock.GetUtcNow());
        return await UseCase.StartStreamAsync<Alliance, AllianceFormed>(starter, store, new ActingMember(alliance, alliance.Members[0]),
            formed.AllianceId, formed, (earlier, requested) => earlier == requested, $"/api/alliances/{formed.AllianceId}", ct);
    });
}

public static class FormAllianceEndpoint
{
    /// <summary>Form an alliance; the caller becomes its first steward. The new alliance is its own tenant.</summary>
    [WolverinePost("/api/alliances", OperationId = "formAlliance", Summary = "Form an alliance; the caller becomes its first steward")]
    public static async Task<IResult> Post(FormAlliance command, ClaimsPrincipal user, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        (await FormAllianceUseCase.RunAsync(command, ActingSubject.Of(user)!, ActingSubject.DisplayNameOf(user), starter, store, clock, ct)).ToHttp();
}

public static class AllianceLimits
{
    public const int Name = 200;
    public const int Purpose = 4000;
    public const int Text = 2000;
    public const int Subject = 256;
}
