namespace ImpactJournal.Infrastructure;

/// <summary>
/// Endpoints that accept large uploads (imports) declare a larger limit with this metadata.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class LargeRequestBodyAttribute : Attribute;

public static class RequestBodyLimit
{
    public const long DefaultBytes = 1024 * 1024;
    public const long LargeBytes = 50 * 1024 * 1024;

    /// <summary>
    /// Rejects bodies over the configured limit with 413 before anything reads them. Kestrel enforces
    /// the same limit for bodies without a Content-Length.
    /// </summary>
    public static void UseRequestBodyLimit(this WebApplication app)
    {
        var defaultLimit = app.Configuration.GetValue("Limits:RequestBodyBytes", DefaultBytes);
        var largeLimit = app.Configuration.GetValue("Limits:ImportBodyBytes", LargeBytes);

        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<LargeRequestBodyAttribute>() is null
                ? defaultLimit
                : largeLimit;

            var sizeFeature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit;

            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The request body is too large",
                    detail: $"This endpoint accepts at most {limit} bytes.").ExecuteAsync(http);
                return;
            }

            await next(http);
        });
    }
}
