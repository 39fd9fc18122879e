using Marten;

namespace ImpactJournal.Invitations;

/// <summary>
/// How a resident's link finds its invitation: the SHA-256 hash of the link's token, never the token itself. Kept in the
/// inviting alliance, and looked up across alliances because the link names none.
/// </summary>
public sealed record InvitationLink(string Id, Guid InvitationId);

/// <summary>An invitation a resident's link opened, with the alliance it belongs to.</summary>
public sealed record OpenedInvitation(Guid AllianceId, Invitation Invitation);

public static class InvitationLinks
{
    /// <summary>The service's address as the person making the invitation reached it.</summary>
    public static string ServiceBaseOf(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    /// <summary>The address residents open: the service's own address and the token.</summary>
    public static string Link(string serviceBase, string token) => $"{serviceBase.TrimEnd('/')}/i/{token}";

    /// <summary>
    /// The invitation a token opens today; null for a token that never existed, a revoked, expired or used-up invitation
    /// alike, so that nobody can tell them apart. Every refusal costs the same two reads as an answer.
    /// </summary>
    public static async Task<OpenedInvitation?> OpenAsync(IDocumentStore store, string? token, DateOnly today, CancellationToken ct)
    {
        // A token that cannot be one is hashed and looked up all the same, so it is answered in the same time.
        var hash = InvitationSecrets.Hash(token is { Length: <= 64 } ? token : "");
        await using var session = store.QuerySession();
        var link = await session.Query<InvitationLink>().Where(l => l.AnyTenant() && l.Id == hash).FirstOrDefaultAsync(ct);
        var invitationId = link?.InvitationId ?? Guid.Empty;
        var invitation = await session.Query<Invitation>().Where(i => i.AnyTenant() && i.Id == invitationId).FirstOrDefaultAsync(ct);
        return invitation is null || !invitation.OpensOn(today) ? null : new OpenedInvitation(invitation.AllianceId, invitation);
    }
}
