using System.Globalization;
using System.Threading.RateLimiting;
using ImpactJournal.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ImpactJournal.Invitations;

/// <summary>How many requests one window allows.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// How much residents' links may be used, from configuration (<c>ResidentLimits</c>): what is sent through one invitation
/// (stories and answers), and every request from one address to the resident pages and routes (so tokens and codes cannot be
/// guessed in bulk). Both hold at once; above either, 429 with Retry-After.
/// </summary>
public sealed class ResidentLimits
{
    public WindowLimit PerInvitation { get; set; } = new() { PermitLimit = 30 };
    public WindowLimit PerAddress { get; set; } = new() { PermitLimit = 120 };

    public const string PleaseWait = "Too many were sent just now. Please wait a minute and try again: nothing you typed was sent by this request.";
}

/// <summary>The limits of <see cref="ResidentLimits"/> held by ASP.NET Core's rate limiter, in front of the resident pages and routes.</summary>
public static class ResidentRateLimiting
{
    public static void AddResidentLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ResidentLimits>(builder.Configuration.GetSection("ResidentLimits"));
        // Read from the request's services, so that the limits are the host's final configuration.
        static ResidentLimits Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<ResidentLimits>>().Value;
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => SentThroughAnInvitation(http) is { } token
                    ? RateLimitPartition.GetFixedWindowLimiter("invitation " + token, _ => Window(Limits(http).PerInvitation))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsResidents(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("address " + http.Connection.RemoteIpAddress, _ => Window(Limits(http).PerAddress))
                    : RateLimitPartition.GetNoLimiter("")));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RefuseAsync;
        });
    }

    private static FixedWindowRateLimiterOptions Window(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit, Window = TimeSpan.FromSeconds(limit.WindowSeconds), QueueLimit = 0
    };

    /// <summary>The token a resident sends something through (a story or answers); null for anything else.</summary>
    private static string? SentThroughAnInvitation(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && ErrorHandling.CarriesASecret(http) && http.GetRouteValue("token") is string token ? token : null;

    /// <summary>The resident's routes and pages: those that hold a token or code, and the page where a code is typed.</summary>
    private static bool IsResidents(HttpContext http) => ErrorHandling.CarriesASecret(http) || http.Request.Path.Equals("/r", StringComparison.OrdinalIgnoreCase);

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (Web.ErrorPage.IsForPeople(http)) await Web.ErrorPage.WriteAsync(http);
        else await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = ResidentLimits.PleaseWait }
        });
    }
}
