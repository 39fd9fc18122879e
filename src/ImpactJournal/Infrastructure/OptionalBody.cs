
namespace ImpactJournal.Infrastructure;

/// <summary>
/// Marks an endpoint whose JSON body may be left out entirely (e.g. <c>{reason?}</c>):
/// an empty request is read as <c>{}</c>. Wolverine binds only [AsParameters] bodies as optional.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OptionalBodyAttribute : Attribute;

public static class OptionalBody
{
    public static void UseOptionalBodies(this WebApplication app) => app.Use((http, next) =>
    {
        var request = http.Request;
        var empty = request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any();
        if (empty && http.GetEndpoint()?.Metadata.GetMetadata<OptionalBodyAttribute>() is not null)
        {
            request.Body = new MemoryStream("{}"u8.ToArray());
            request.ContentLength = 2;
            request.ContentType = "application/json";
        }
        return next(http);
    });
}
