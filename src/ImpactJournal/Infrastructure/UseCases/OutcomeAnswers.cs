using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>The API's door: a use case's outcome as HTTP (201/200/204, or problem details).</summary>
public static class OutcomeAnswers
{
    public static IResult ToHttp(this Outcome outcome) => outcome switch
    {
        Outcome.Saved { IsNew: true } created => TypedResults.Created(created.Location, created.Body),
        Outcome.Saved { Body: null } => TypedResults.NoContent(),
        Outcome.Saved changed => TypedResults.Ok(changed.Body),
        Outcome.AlreadyThere retried => new RetriedCreate(retried.Location, retried.Body),
        Outcome.Invalid invalid => Results.Problem(Validation.Problem(invalid.Errors)),
        Outcome.NotFound missing => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: missing.Detail),
        Outcome.Forbidden forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: forbidden.Title, detail: forbidden.Detail),
        Outcome.Conflict conflict => Results.Problem(Conflict(conflict)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome))
    };

    private static ProblemDetails Conflict(Outcome.Conflict conflict)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = conflict.Title, Detail = conflict.Detail };
        if (conflict.CurrentVersion is { } version) problem.Extensions["currentVersion"] = version;
        return problem;
    }

    /// <summary>A safe retry of a create: 200 with the same body and Location as the create's 201.</summary>
    private sealed class RetriedCreate(string location, object body) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.Location = location;
            return TypedResults.Ok(body).ExecuteAsync(http);
        }
    }
}
