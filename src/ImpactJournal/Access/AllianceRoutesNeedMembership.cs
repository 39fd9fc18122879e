using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Access;

/// <summary>
/// Every Wolverine endpoint under an alliance route that names no alliance policy requires
/// membership (<see cref="AllianceAccess.Read"/>), so a forgotten attribute can never expose data.
/// </summary>
internal sealed class AllianceRoutesNeedMembership : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var isAllianceRoute = chain.RoutePattern?.Parameters.Any(p => p.Name == AllianceRoute.AllianceId) ?? false;
            if (!isAllianceRoute) continue;

            var namesAlliancePolicy = chain.Method.Method.GetCustomAttributes<AuthorizeAttribute>()
                .Any(a => a.Policy is not null && AllianceAccess.RolesByPolicy.ContainsKey(a.Policy));
            if (!namesAlliancePolicy) chain.RequireAuthorization(AllianceAccess.Read);
            chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        }
    }
}

public static class AllianceAccessPolicies
{
    public static void AddAllianceAccessPolicies(this WolverineHttpOptions options)
    {
        options.AddPolicy<AllianceRoutesNeedMembership>();
        options.AddPolicy<RecordActingSubject>();
    }
}
