using ImpactJournal.Access;
using ImpactJournal.Alliances;
using Marten;

namespace ImpactJournal.Commons;

/// <summary>
/// Who may read the commons: every signed-in member of any alliance on the installation; also people who are not signed
/// in when the installation setting <c>Commons:OpenToVisitors</c> is true (it is false unless set). The commons' routes let
/// everyone through the door (<c>[AllowAnonymous]</c>) and ask this first.
/// </summary>
public static class CommonsAccess
{
    public const string OpenToVisitorsSetting = "Commons:OpenToVisitors";

    public static bool OpenToVisitors(IConfiguration configuration) => configuration.GetValue(OpenToVisitorsSetting, false);

    /// <summary>Whether this person may read the commons: a member of some alliance, or anyone when the installation opened it.</summary>
    public static async Task<bool> MayReadAsync(System.Security.Claims.ClaimsPrincipal user, IConfiguration configuration, IDocumentStore store, CancellationToken ct) =>
        OpenToVisitors(configuration)
        || ActingSubject.Of(user) is { } subject && await IsMemberAnywhereAsync(store, subject, ct);

    // Membership spans tenants: this one question deliberately looks across every alliance (as MembershipQuery does).
    private static async Task<bool> IsMemberAnywhereAsync(IDocumentStore store, string subject, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Alliance>().AnyAsync(a => a.AnyTenant() && a.Members.Any(m => m.Subject == subject), ct);
    }

    /// <summary>The API's refusal for someone who may not read the commons (401 when not signed in, 403 in no alliance); null when they may.</summary>
    public static async Task<IResult?> RefusalAsync(HttpContext http, CancellationToken ct)
    {
        var (configuration, store) = (http.RequestServices.GetRequiredService<IConfiguration>(), http.RequestServices.GetRequiredService<IDocumentStore>());
        if (await MayReadAsync(http.User, configuration, store, ct)) return null;
        if (ActingSubject.Of(http.User) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
                detail: "Send a valid bearer token in the Authorization header.");
        }
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only for members of an alliance",
            detail: "The learning commons is read by the members of the alliances on this installation.");
    }
}


