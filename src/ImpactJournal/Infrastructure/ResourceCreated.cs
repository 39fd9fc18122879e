namespace ImpactJournal.Infrastructure;

/// <summary>The body of a create: at least the id of what was created.</summary>
public sealed record CreatedId(Guid Id);

/// <summary>
/// 201 with Location for a new resource, or 200 with the same Location and id when the request
/// was a safe retry of a create that already happened.
/// </summary>
public static class ResourceCreated
{
    public static IResult New(string location, Guid id) => TypedResults.Created(location, new CreatedId(id));

    public static IResult AlreadyExisted(string location, Guid id) => AlreadyExisted(location, new CreatedId(id));

    /// <summary>The answer to a safe retry whose create answered with more than its id: the same body, 200, same Location.</summary>
    public static IResult AlreadyExisted<TBody>(string location, TBody body) => new RetriedCreate<TBody>(location, body);

    /// <summary>The answer to creating a part of a resource (partner, imperative, selection) whose id may have been used already.</summary>
    public static IResult ForPart(bool exists, bool sameAsBefore, string location, Guid id) =>
        !exists ? New(location, id) : sameAsBefore ? AlreadyExisted(location, id) : IdTakenByDifferentBody(id);

    public static IResult IdTakenByDifferentBody(Guid id) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "This id is already used for something different",
        detail: $"A resource with id {id} already exists with different content. Use a new id, or resend exactly the original body.");

    private sealed class RetriedCreate<TBody>(string location, TBody body) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.Location = location;
            return TypedResults.Ok(body).ExecuteAsync(http);
        }
    }
}
