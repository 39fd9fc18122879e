using System.Diagnostics;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Access;

/// <summary>
/// Records who acted: tags the request's trace with the caller's subject and, on writing
/// endpoints, stamps the Marten session so every appended event carries it as its user name
/// (Marten takes the correlation id from the trace).
/// </summary>
public static class ActingSubjectMiddleware
{
    public static void TagTrace(HttpContext httpContext)
    {
        if (ActingSubject.Of(httpContext.User) is { } subject) Activity.Current?.SetTag("enduser.id", subject);
    }

    public static void StampSession(HttpContext httpContext, IDocumentSession session)
    {
        if (ActingSubject.Of(httpContext.User) is { } subject) session.LastModifiedBy = subject;
    }
}

internal sealed class RecordActingSubject : IHttpPolicy
{
    private static readonly string[] WritingMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            chain.Middleware.Insert(0, new MethodCall(typeof(ActingSubjectMiddleware), nameof(ActingSubjectMiddleware.TagTrace)));
            if (chain.HttpMethods.Any(WritingMethods.Contains))
            {
                chain.Middleware.Insert(1, new MethodCall(typeof(ActingSubjectMiddleware), nameof(ActingSubjectMiddleware.StampSession)));
            }
        }
    }
}
