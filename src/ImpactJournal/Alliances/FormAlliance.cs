using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record FormAlliance(Guid? Id, string? Name, AgreementType? AgreementType, string? SharedPurpose);

public static class FormAllianceEndpoint
{
    public static ProblemDetails Validate(FormAlliance? command) => command is null
        ? Validation.MissingBody()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, AllianceLimits.Name)
            .Defined("agreementType", command.AgreementType)
            .Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose)
            .ToProblem();

    /// <summary>Form an alliance; the caller becomes its first steward. The new alliance is its own tenant.</summary>
    [WolverinePost("/api/alliances", OperationId = "formAlliance", Summary = "Form an alliance; the caller becomes its first steward")]
    public static Task<IResult> Post(FormAlliance command, ClaimsPrincipal user, StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var id = command.Id ?? Guid.CreateVersion7();
        var formed = new AllianceFormed(id, command.Name!.Trim(), command.AgreementType!.Value, command.SharedPurpose!.Trim(),
            ActingSubject.Of(user)!, ActingSubject.DisplayNameOf(user));

        return IdempotentCreate.StartStreamAsync<Alliance, AllianceFormed>(starter, store, id, id, formed, formed.FoundingSteward,
            (earlier, requested) => earlier == requested, $"/api/alliances/{id}", ct);
    }
}

public static class AllianceLimits
{
    public const int Name = 200;
    public const int Purpose = 4000;
    public const int Text = 2000;
    public const int Subject = 256;
}
