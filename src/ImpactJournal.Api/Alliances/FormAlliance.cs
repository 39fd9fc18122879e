using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Marten.Exceptions;
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

    /// <summary>Form an alliance; the caller becomes its first steward.</summary>
    /// <remarks>
    /// The new alliance is its own tenant, which no route names yet, so this endpoint opens the
    /// tenant's session itself instead of letting Wolverine detect it.
    /// </remarks>
    [WolverinePost("/api/alliances", OperationId = "formAlliance", Summary = "Form an alliance; the caller becomes its first steward")]
    public static async Task<IResult> Post(FormAlliance command, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        var id = command.Id ?? Guid.CreateVersion7();
        var formed = new AllianceFormed(id, command.Name!.Trim(), command.AgreementType!.Value, command.SharedPurpose!.Trim(),
            ActingSubject.Of(user)!, ActingSubject.DisplayNameOf(user));
        var location = $"/api/alliances/{id}";

        await using var session = store.LightweightSession(id.ToString());
        session.LastModifiedBy = formed.FoundingSteward;

        var earlier = await FormedEventOf(session, id, ct);
        if (earlier is not null) return AnswerRetry(earlier, formed, location);

        try
        {
            session.Events.StartStream<Alliance>(id, formed);
            await session.SaveChangesAsync(ct);
            return ResourceCreated.New(location, id);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // A concurrent retry of the same create won the race.
            await using var reader = store.QuerySession(id.ToString());
            return AnswerRetry(await FormedEventOf(reader, id, ct), formed, location);
        }
    }

    private static async Task<AllianceFormed?> FormedEventOf(IQuerySession session, Guid id, CancellationToken ct)
    {
        var first = await session.Events.FetchStreamAsync(id, version: 1, token: ct);
        return first.Count > 0 ? first[0].Data as AllianceFormed : null;
    }

    private static IResult AnswerRetry(AllianceFormed? earlier, AllianceFormed requested, string location) =>
        earlier == requested
            ? ResourceCreated.AlreadyExisted(location, requested.AllianceId)
            : ResourceCreated.IdTakenByDifferentBody(requested.AllianceId);
}

public static class AllianceLimits
{
    public const int Name = 200;
    public const int Purpose = 4000;
    public const int Text = 2000;
    public const int Subject = 256;
}
