using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Http;

namespace ImpactJournal.Infrastructure;

public static class ApiDocument
{
    public static void AddJournalApiDocument(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(options => options
            .AddSchemaTransformer((schema, context, _) =>
            {
                // StoredTextConverter hides from the generator that these are plain strings.
                if (context.JsonTypeInfo.Type == typeof(string)) schema.Type = JsonSchemaType.String;
                return Task.CompletedTask;
            })
            .AddDocumentTransformer(ApiFeatures.Describe)
            .AddDocumentTransformer(ServersWithoutTrailingSlash)
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ImpactJournal API";
            document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
            document.Info.Description =
                "The system of record for emergent impact in alliance and relational contracts. " +
                "Every resource lives under its alliance; errors are RFC 9457 problem details; " +
                "creates accept a client id and are safe to retry." +
                "\n\nCheck-ins (v1.2): no summary lets a reader who knows the member list, even one who answered the round, work out anyone else's answer. " +
                "Open rounds show only how many have answered; the distribution and medians need 5 answers; a role " +
                "count below 3 reads \"<3\"; role medians are withheld where they could pin an answer; trends, the " +
                "dashboard and review summaries (also with asOf) use closed rounds only. A \"<3\" stands where a number " +
                "was, and a withheld value is null with a `withheld` reason: clients must accept both." +
                "\n\nThe collaboration network (`…/network`, its diff, exports and picture, the dashboard's relational health, " +
                "a review summary's `relationships`) is made only of what the caller may read: for commissioners, observations " +
                "given for commissioners or the public and not expired, plus ripples and sessions. A tie's `jointObservations` " +
                "may read \"<5\" and its `weight` \"withheld\", a string where v1.1 gave a number: clients must accept both.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the configured OIDC provider (dotnet user-jwts in Development)."
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));

    /// <summary>
    /// The server is where the document was fetched from (so each deployment names itself); clients generated from
    /// it join the server and the paths, which begin with a slash, so the server must not end with one.
    /// </summary>
    private static Task ServersWithoutTrailingSlash(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var server in document.Servers ?? [])
            if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');
        return Task.CompletedTask;
    }
}

/// <summary>
/// Groups endpoints in the API docs by their feature folder (Alliances, Observations, …) and documents
/// the problem answers every endpoint of that kind can give.
/// </summary>
internal sealed class TagEndpointsByFeature : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            // The feature folder is the namespace's second part: a sub-folder (Stories.Patterns) stays in its feature.
            var feature = chain.Method.HandlerType.Namespace?.Split('.').ElementAtOrDefault(1);
            if (feature is not null) chain.WithTags(feature);

            chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
            if (chain.HttpMethods.Contains("POST")) chain.Metadata.Produces<CreatedId>(StatusCodes.Status201Created);
            if (chain.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH"))
            {
                chain.Metadata
                    .ProducesValidationProblem()
                    .ProducesProblem(StatusCodes.Status409Conflict)
                    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                    .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
            }
        }
    }
}
