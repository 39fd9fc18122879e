using System.Text.RegularExpressions;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem details. Known failures map to 4xx; only genuine bugs are 500s.
/// </summary>
public static partial class ErrorHandling
{
    public static void AddJournalErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (CarriesASecret(context.HttpContext)) SayNothingOfTheSecret(context.ProblemDetails);
            else context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            NameTheFieldOfAJsonError(context.ProblemDetails);
            NameTheBadQueryParameter(context.ProblemDetails);
        });
        builder.Services.AddExceptionHandler<KnownFailureHandler>();
    }

    public static void UseJournalErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Gives bodiless 4xx answers (404 from routing, 415 from Wolverine, 401/403) a problem body on the
        // API, and a plain page of the web app everywhere else.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (Web.ErrorPage.IsForPeople(http)) await Web.ErrorPage.WriteAsync(http);
            else await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
    }

    /// <summary>Whether the request's route holds a resident's secret: an invitation's token or a reference code.</summary>
    public static bool CarriesASecret(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.Parameters: var parameters } && parameters.Any(p => p.Name is "token" or "code");

    /// <summary>
    /// A refusal where the address holds a secret echoes neither the address nor the request's trace id, so an unknown, an
    /// expired and a revoked token (or code) get the very same bytes and nobody can tell whether it ever existed.
    /// </summary>
    private static void SayNothingOfTheSecret(ProblemDetails problem)
    {
        problem.Instance = null;
        problem.Extensions.Remove("traceId");
    }

    /// <summary>
    /// Wolverine answers a body that does not deserialize with "Invalid JSON format" and the
    /// serializer's message; this adds the `errors` map naming the field from the JSON path.
    /// </summary>
    private static void NameTheFieldOfAJsonError(ProblemDetails problem)
    {
        if (problem.Title != "Invalid JSON format" || problem.Detail is null) return;

        var path = JsonPath().Match(problem.Detail);
        var field = path.Success ? ToFieldName(path.Groups["path"].Value) : "body";
        problem.Title = "The request body is not valid";
        problem.Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1";
        problem.Detail = field == "body"
            ? "The request body is not a well-formed JSON object."
            : $"The value at '{field}' is missing, of the wrong type or not one of the allowed values.";
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
    }

    /// <summary>Wolverine names an unparseable query value in a `parameter` extension; mirror it in `errors`.</summary>
    private static void NameTheBadQueryParameter(ProblemDetails problem)
    {
        if (problem.Extensions.ContainsKey("errors") || !problem.Extensions.TryGetValue("parameter", out var value) || value is not string parameter) return;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [problem.Detail ?? "Invalid value."] };
    }

    private static string ToFieldName(string jsonPath)
    {
        var trimmed = jsonPath.TrimStart('$').TrimStart('.');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    [GeneratedRegex(@"Path: (?<path>\$[^\s|]*)")]
    private static partial Regex JsonPath();

    private sealed class KnownFailureHandler(IProblemDetailsService problems, ILogger<KnownFailureHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (Web.ErrorPage.IsForPeople(http))
            {
                if (!DatabaseOutage.IsOutage(exception)) logger.LogError(exception, "A page failed");
                http.Response.StatusCode = DatabaseOutage.IsOutage(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                await Web.ErrorPage.WriteAsync(http);
                return true;
            }
            if (DatabaseOutage.IsOutage(exception) && !ct.IsCancellationRequested)
            {
                logger.LogWarning(exception, "A request met the database outage and was answered 503");
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    Exception = exception,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status503ServiceUnavailable, Title = "The journal is briefly unavailable",
                        Detail = "Nothing was saved by this request. Try again in a few seconds; sending the same id again is safe."
                    }
                });
            }
            var (status, title) = exception switch
            {
                ConcurrencyException or ExistingStreamIdCollisionException
                    => (StatusCodes.Status409Conflict, "The resource was changed by another request; retry with fresh state"),
                BadHttpRequestException bad => (bad.StatusCode, "The request could not be read"),
                OperationCanceledException when ct.IsCancellationRequested
                    => (499, "The client closed the request"),
                _ => (0, "")
            };
            if (status == 0) return false;

            logger.LogInformation("Request failed with {Status}: {ExceptionType}", status, exception.GetType().Name);
            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title }
            });
        }
    }
}
