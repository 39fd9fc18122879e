using ImpactJournal.RippleMaps;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace ImpactJournal.Network;

public enum JointKind
{
    Ripple,
    Session
}

/// <summary>
/// A ripple or a mapping session that involved two or more partners: each pair of them is a tie of the network.
/// (Joint observations are counted from the observation tally, which follows amendments and retractions.)
/// </summary>
public sealed record CollaborationFact(Guid Id, JointKind Kind, DateOnly On, IReadOnlyList<Guid> Partners);

/// <summary>
/// Keeps a <see cref="CollaborationFact"/> per joint ripple (dated the day it was added) and per mapping session
/// with two or more partners (dated the day it was held). Asynchronous, so a new installation or an upgrade fills
/// it from the whole journal; named after its document so own writes can wait for it like any list.
/// </summary>
public sealed partial class CollaborationFacts : EventProjection
{
    public CollaborationFacts()
    {
        Name = nameof(CollaborationFact);
        IncludeType<RippleAdded>();
        IncludeType<MappingSessionScheduled>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case RippleAdded { Partners.Count: > 1 } ripple:
                operations.Store(new CollaborationFact(ripple.RippleId, JointKind.Ripple, DateOnly.FromDateTime(e.Timestamp.UtcDateTime), ripple.Partners));
                break;
            case MappingSessionScheduled { Partners.Count: > 1 } session:
                operations.Store(new CollaborationFact(session.SessionId, JointKind.Session, session.HeldOn, session.Partners!));
                break;
        }
        return ValueTask.CompletedTask;
    }
}

public static class NetworkConfiguration
{
    public static void AddCollaborationNetwork(this StoreOptions opts, int projectionBatch)
    {
        opts.Projections.Add(new CollaborationFacts(), ProjectionLifecycle.Async, asyncConfiguration: async => async.BatchSize = projectionBatch);
        opts.Schema.For<CollaborationFact>().Index(f => f.On);
    }
}
