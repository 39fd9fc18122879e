using System.Security.Claims;

namespace ImpactJournal.Access;

/// <summary>The identity subject of the caller: the token's `sub` claim, or its name.</summary>
public static class ActingSubject
{
    public static string? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var subject = user.FindFirst("sub")?.Value ?? user.Identity.Name;
        return string.IsNullOrWhiteSpace(subject) ? null : subject;
    }

    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.FindFirst("unique_name")?.Value ?? Of(user) ?? "unknown";
}
