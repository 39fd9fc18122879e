using ImpactJournal.Alliances;

namespace ImpactJournal.Access;

/// <summary>The calling member of the alliance in the route, loaded once per request.</summary>
public static class CurrentMember
{
    private static readonly object ItemKey = new();
    private static readonly object AllianceKey = new();

    public static async Task<Member?> LoadAsync(HttpContext http, AllianceDirectory directory, Guid allianceId, string subject)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached)) return cached as Member;

        var alliance = await directory.FindAsync(allianceId, http.RequestAborted);
        var member = alliance?.MemberBySubject(subject);
        http.Items[ItemKey] = member;
        http.Items[AllianceKey] = alliance;
        return member;
    }

    /// <summary>The alliance the member was authorized against, as loaded for this request.</summary>
    public static Alliance AllianceOf(HttpContext http) =>
        http.Items.TryGetValue(AllianceKey, out var alliance) && alliance is Alliance a
            ? a
            : throw new InvalidOperationException("No alliance was authorized for this request.");

    /// <summary>The member authorized for this request; only valid behind an alliance policy.</summary>
    public static Member Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var member) && member is Member m
            ? m
            : throw new InvalidOperationException("No alliance member was authorized for this request.");
}
