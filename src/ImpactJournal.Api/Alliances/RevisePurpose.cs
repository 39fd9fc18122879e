using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace ImpactJournal.Alliances;

public sealed record RevisePurpose(string? SharedPurpose);

public sealed record PurposeView(string SharedPurpose, int Revision);

public static class RevisePurposeEndpoint
{
    public static ProblemDetails Validate(RevisePurpose? command) => command is null
        ? Validation.MissingBody()
        : new Validation().Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose).ToProblem();

    /// <summary>Revise the shared purpose; each revision is kept as an event. Resending the current purpose changes nothing.</summary>
    [WolverinePut(AllianceRoute.Prefix + "/purpose", OperationId = "revisePurpose", Summary = "Revise the shared purpose (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static (PurposeView, Events) Put(RevisePurpose command, [WriteAggregate(AllianceRoute.AllianceId)] Alliance alliance)
    {
        var purpose = command.SharedPurpose!.Trim();
        return purpose == alliance.SharedPurpose
            ? (new PurposeView(purpose, alliance.PurposeRevision), [])
            : (new PurposeView(purpose, alliance.PurposeRevision + 1), [new PurposeRevised(purpose)]);
    }
}
