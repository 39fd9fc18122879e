using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Checks every request's query string and route values as strictly as JSON bodies are checked, before
/// any of it reaches PostgreSQL: no NUL characters or unpaired surrogates (400), no all-zero UUID as a
/// record's id (404: no record has it). API routes answer JSON whatever the Accept header asks for.
/// </summary>
public static class RequestGuards
{
    public const int MaxQueryValueLength = 2000;

    public static void UseRequestGuards(this WebApplication app) => app.Use(async (http, next) =>
    {
        if ((BadQuery(http.Request.Query) ?? BadRouteText(http)) is { } problem)
        {
            await Results.Problem(problem).ExecuteAsync(http);
            return;
        }
        if (HasEmptyId(http))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "No record has the all-zero id.").ExecuteAsync(http);
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api")) AnswerJsonWhateverIsAccepted(http.Request);
        await next(http);
    });

    private static ProblemDetails? BadQuery(IQueryCollection query)
    {
        var validation = new Validation();
        foreach (var (key, values) in query)
        {
            if (!StoredTextConverter.IsStorable(key))
            {
                validation.Add("query", "Parameter names may not contain NUL characters or unpaired surrogates.");
                continue;
            }
            foreach (var value in values)
            {
                if (value is null) continue;
                if (!StoredTextConverter.IsStorable(value)) validation.Add(key, "May not contain NUL characters or unpaired surrogates.");
                else if (value.Length > MaxQueryValueLength) validation.Add(key, $"At most {MaxQueryValueLength} characters.");
            }
        }
        return validation.IsValid ? null : validation.ToProblem();
    }

    private static ProblemDetails? BadRouteText(HttpContext http)
    {
        var validation = new Validation();
        foreach (var (key, value) in http.Request.RouteValues)
            if (value is string text && !StoredTextConverter.IsStorable(text))
                validation.Add(key, "May not contain NUL characters or unpaired surrogates.");
        return validation.IsValid ? null : validation.ToProblem();
    }

    private static bool HasEmptyId(HttpContext http) =>
        http.Request.RouteValues.Any(v => v.Key.EndsWith("Id", StringComparison.Ordinal) && v.Value is string text
            && Guid.TryParse(text, out var id) && id == Guid.Empty);

    /// <summary>
    /// The API speaks JSON (and the few formats its routes name themselves); an Accept header naming
    /// something else is disregarded, as RFC 9110 allows, rather than answered with a plain-text 406.
    /// </summary>
    private static void AnswerJsonWhateverIsAccepted(HttpRequest request)
    {
        if (request.Headers.Accept.Count == 0) return;
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
            || !accepted.Any(a => a.MatchesAllTypes || a.MatchesAllSubTypes && a.Type == "application"
                || a.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true))
            request.Headers.Accept = "application/json, */*";
    }
}
