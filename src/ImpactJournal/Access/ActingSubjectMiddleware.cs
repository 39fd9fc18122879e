using System.Diagnostics;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;
using Wolverine.Marten;

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
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            chain.Middleware.Insert(0, new MethodCall(typeof(ActingSubjectMiddleware), nameof(ActingSubjectMiddleware.TagTrace)));
            // Only endpoints that append through Wolverine's session; stamping others would open a session for nothing.
            if (AppendsThroughSession(chain))
            {
                chain.Middleware.Insert(1, new MethodCall(typeof(ActingSubjectMiddleware), nameof(ActingSubjectMiddleware.StampSession)));
            }
        }
    }

    private static bool AppendsThroughSession(HttpChain chain) =>
        chain.Method.Method.GetParameters().Any(p =>
            p.ParameterType == typeof(IDocumentSession) || p.GetCustomAttributes(typeof(WriteAggregateAttribute), false).Length > 0);
}
