using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ImpactJournal.Access;

/// <summary>
/// Turns the API's authorization outcomes into problem details: 401, 403, or 404 for non-members.
/// Pages keep the default: a signed-out visitor is sent to sign in.
/// </summary>
public sealed class AccessDeniedAsProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        if (result.Challenged)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(http, StatusCodes.Status401Unauthorized, "Authentication required",
                "Send a valid bearer token in the Authorization header.");
            return;
        }

        if (result.Forbidden)
        {
            var notAMember = result.AuthorizationFailure?.FailureReasons
                .Any(r => r.Message == AllianceRoleCheck.NotAMember) ?? false;
            if (notAMember)
            {
                await WriteAsync(http, StatusCodes.Status404NotFound, "Not found", "No such alliance.");
            }
            else
            {
                await WriteAsync(http, StatusCodes.Status403Forbidden, "Your role does not allow this",
                    "Your role in this alliance does not allow this action.");
            }
            return;
        }

        await _default.HandleAsync(next, http, policy, result);
    }

    private static Task WriteAsync(HttpContext http, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
}
