using Marten;

namespace ImpactJournal.Alliances;

public static class MembershipQuery
{
    /// <summary>The alliances a subject belongs to, by name. Membership spans tenants, so this one query deliberately looks across all alliances.</summary>
    public static async Task<IReadOnlyList<Alliance>> AlliancesOfAsync(IDocumentStore store, string subject, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Alliance>().Where(a => a.AnyTenant() && a.Members.Any(m => m.Subject == subject))
            .OrderBy(a => a.Name).ToListAsync(ct);
    }
}
