using ImpactJournal.Alliances;
using Marten;

namespace ImpactJournal.Web;

/// <summary>
/// The members page's confirmations. A change is named in the address by its place in the alliance's stream, so the
/// page can say who it was about (and offer to undo a removal) with no one's name or identity in the address.
/// </summary>
public sealed record MemberChange(object Change, Member Member)
{
    /// <summary>Where the latest change to a member sits in the alliance's stream; null if there is none.</summary>
    public static async Task<long?> LatestAsync(IDocumentStore store, Guid allianceId, string subject, CancellationToken ct)
    {
        await using var session = store.QuerySession(allianceId.ToString());
        var events = await session.Events.FetchStreamAsync(allianceId, token: ct);
        return events.LastOrDefault(e => SubjectOf(e.Data) == subject)?.Version;
    }

    /// <summary>The change at that place in the stream, with the member as they were just before it (for a removal) or after it.</summary>
    public static async Task<MemberChange?> AtAsync(IDocumentStore store, Guid allianceId, long version, CancellationToken ct)
    {
        await using var session = store.QuerySession(allianceId.ToString());
        var events = await session.Events.FetchStreamAsync(allianceId, version: version, token: ct);
        if (events.Count != version || SubjectOf(events[^1].Data) is not { } subject) return null;
        var asOf = await session.Events.AggregateStreamAsync<Alliance>(allianceId, version: events[^1].Data is MemberRemoved ? version - 1 : version, token: ct);
        return asOf?.MemberBySubject(subject) is { } member ? new MemberChange(events[^1].Data, member) : null;
    }

    private static string? SubjectOf(object change) => change switch
    {
        MemberAdded added => added.Subject,
        MemberRemoved removed => removed.Subject,
        MemberRoleChanged changed => changed.Subject,
        _ => null
    };
}
