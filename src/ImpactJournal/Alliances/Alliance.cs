using ImpactJournal.Access;
using ImpactJournal.Stories;
using JasperFx.Events;

namespace ImpactJournal.Alliances;

public sealed record Partner(Guid Id, string Name, PartnerKind Kind);

public sealed record Member(string Subject, string DisplayName, AllianceRole Role, Guid? PartnerId);

public sealed record Imperative(Guid Id, string Text);

/// <summary>
/// One collaboration and the unit of data isolation: its id is also the Marten tenant id of
/// everything recorded in it. Projected inline from the alliance's own stream.
/// </summary>
public sealed record Alliance(
    Guid Id,
    string Name,
    AgreementType AgreementType,
    string SharedPurpose,
    int PurposeRevision,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<Member> Members,
    IReadOnlyList<Imperative> Imperatives,
    string FormedBy,
    DateTimeOffset FormedAt,
    SignificationFramework? Framework = null)
{
    public static Alliance Create(IEvent<AllianceFormed> formed) => Formed(formed.Data, formed.Timestamp);

    /// <summary>The alliance as it stands once formed: its founder is its one member, a steward.</summary>
    public static Alliance Formed(AllianceFormed formed, DateTimeOffset at) => new(
        formed.AllianceId,
        formed.Name,
        formed.AgreementType,
        formed.SharedPurpose,
        PurposeRevision: 1,
        Partners: [],
        Members: [new Member(formed.FoundingSteward, formed.FoundingStewardDisplayName, AllianceRole.Steward, null)],
        Imperatives: [],
        formed.FoundingSteward,
        at);

    public Alliance Apply(PartnerAdded added) =>
        this with { Partners = [.. Partners, new Partner(added.PartnerId, added.Name, added.Kind)] };

    public Alliance Apply(MemberAdded added) =>
        this with { Members = [.. Members, new Member(added.Subject, added.DisplayName, added.Role, added.PartnerId)] };

    public Alliance Apply(MemberRemoved removed) =>
        this with { Members = [.. Members.Where(m => m.Subject != removed.Subject)] };

    public Alliance Apply(MemberRoleChanged changed) =>
        this with { Members = [.. Members.Select(m => m.Subject == changed.Subject ? m with { Role = changed.Role, PartnerId = changed.PartnerId } : m)] };

    public Alliance Apply(PurposeRevised revised) =>
        this with { SharedPurpose = revised.SharedPurpose, PurposeRevision = PurposeRevision + 1 };

    public Alliance Apply(ImperativeAdded added) =>
        this with { Imperatives = [.. Imperatives, new Imperative(added.ImperativeId, added.Text)] };

    public Alliance Apply(SignificationFrameworkRevised revised) => this with { Framework = revised.Framework };

    public Member? MemberBySubject(string subject) => Members.FirstOrDefault(m => m.Subject == subject);

    public Partner? PartnerById(Guid id) => Partners.FirstOrDefault(p => p.Id == id);

    public int StewardCount => Members.Count(m => m.Role == AllianceRole.Steward);
}
