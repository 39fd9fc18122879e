using ImpactJournal.Access;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record AllianceView(
    Guid Id,
    string Name,
    AgreementType AgreementType,
    string SharedPurpose,
    int PurposeRevision,
    IReadOnlyList<Imperative> Imperatives,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<Member> Members,
    AllianceRole YourRole,
    string? CollaborationModel,
    Templates.TemplateOrigin? Template)
{
    public static AllianceView Of(Alliance alliance, Member caller) => new(
        alliance.Id, alliance.Name, alliance.AgreementType, alliance.SharedPurpose, alliance.PurposeRevision,
        alliance.Imperatives, alliance.Partners, alliance.Members, caller.Role, alliance.CollaborationModel, alliance.Template);
}

public static class GetAllianceEndpoint
{
    [WolverineGet(AllianceRoute.Prefix, OperationId = "getAlliance", Summary = "An alliance with its purpose, imperatives, partners, members, and its collaboration model and template when formed from one")]
    public static async Task<AllianceView?> Get(Guid allianceId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var alliance = await session.LoadAsync<Alliance>(allianceId, ct);
        return alliance is null ? null : AllianceView.Of(alliance, CurrentMember.Of(http));
    }

    [WolverineGet(AllianceRoute.Prefix + "/partners/{partnerId:guid}", OperationId = "getPartner", Summary = "One partner organisation")]
    public static async Task<Partner?> GetPartner(Guid allianceId, Guid partnerId, IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<Alliance>(allianceId, ct))?.PartnerById(partnerId);

    [WolverineGet(AllianceRoute.Prefix + "/imperatives/{imperativeId:guid}", OperationId = "getImperative", Summary = "One relational commitment")]
    public static async Task<Imperative?> GetImperative(Guid allianceId, Guid imperativeId, IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<Alliance>(allianceId, ct))?.Imperatives.FirstOrDefault(i => i.Id == imperativeId);

    [WolverineGet(AllianceRoute.Prefix + "/members/{subject}", OperationId = "getMember", Summary = "One member and their role")]
    public static async Task<Member?> GetMember(Guid allianceId, string subject, IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<Alliance>(allianceId, ct))?.MemberBySubject(subject);
}
