using ImpactJournal.Access;
using ImpactJournal.Alliances;

namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>Who acts, and in which alliance: the member as loaded for this request by the membership check.</summary>
public sealed record ActingMember(Alliance Alliance, Member Member)
{
    public Guid AllianceId => Alliance.Id;

    public string Subject => Member.Subject;

    /// <summary>The member authorized for this request; only valid behind an alliance policy or a page's entry check.</summary>
    public static ActingMember Of(HttpContext http) => new(CurrentMember.AllianceOf(http), CurrentMember.Of(http));
}
