using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record MyAlliance(Guid Id, string Name, AgreementType AgreementType, AllianceRole Role);

public static class ListMyAlliancesEndpoint
{
    /// <summary>The alliances the caller is a member of, with the caller's role in each.</summary>
    [WolverineGet("/api/alliances", OperationId = "listMyAlliances", Summary = "The caller's alliances with the caller's role")]
    public static async Task<IResult> Get(int? limit, string? cursor, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        var (page, problem) = PageRequest.From(limit, cursor);
        if (problem is not null) return problem;

        var subject = ActingSubject.Of(user)!;
        var alliances = await MembershipQuery.AlliancesOfAsync(store, subject, ct);

        var mine = alliances
            .Select(a => new MyAlliance(a.Id, a.Name, a.AgreementType, a.MemberBySubject(subject)!.Role))
            .ToList();
        return Results.Ok(page!.Slice(mine));
    }
}
