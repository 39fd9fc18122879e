using ImpactJournal.Infrastructure.UseCases;
using Marten;

namespace ImpactJournal.Alliances;

/// <summary>A change to the acting member's alliance, decided against its stream as it is now (optimistic: a concurrent change makes this one a conflict).</summary>
public static class AllianceChange
{
    public static Task<Outcome> ApplyAsync(IDocumentStore store, ActingMember acting, Func<Alliance, Decision> decide, CancellationToken ct) =>
        UseCase.ChangeStreamAsync(store, acting, acting.AllianceId, oneWriterAtATime: false, "No such alliance.", decide, ct);
}
