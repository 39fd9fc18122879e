using System.Diagnostics;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine;
using Wolverine.Http;

namespace ImpactJournal.Access;

/// <summary>
/// Puts the caller's subject on the Wolverine message context; the Marten integration copies it to
/// the session, so every appended event records who acted (with the correlation id of the request).
/// </summary>
public static class ActingSubjectMiddleware
{
    public static void Before(HttpContext httpContext, IMessageContext messaging)
    {
        var subject = ActingSubject.Of(httpContext.User);
        if (subject is null) return;
        messaging.UserName = subject;
        Activity.Current?.SetTag("enduser.id", subject);
    }
}

internal sealed class RecordActingSubject : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            chain.Middleware.Insert(0, new MethodCall(typeof(ActingSubjectMiddleware), nameof(ActingSubjectMiddleware.Before)));
        }
    }
}
