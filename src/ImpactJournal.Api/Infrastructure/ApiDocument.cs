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
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ImpactJournal API";
            document.Info.Description =
                "The system of record for emergent impact in alliance and relational contracts. " +
                "Every resource lives under its alliance; errors are RFC 9457 problem details; " +
                "creates accept a client id and are safe to retry.";
            document.Info.Description +=
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
            var feature = chain.Method.HandlerType.Namespace?.Split('.').Last();
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
