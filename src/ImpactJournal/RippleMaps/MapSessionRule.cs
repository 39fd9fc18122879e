using ImpactJournal.Infrastructure.UseCases;

namespace ImpactJournal.RippleMaps;

/// <summary>Ripples and links may name the session they were captured in; it must be a session of this map that is still open.</summary>
public static class MapSessionRule
{
    public static Outcome? Refusal(RippleMap map, Guid? sessionId)
    {
        if (sessionId is not { } id) return null;
        if (!map.Sessions.TryGetValue(id, out var session)) return Outcome.InvalidField("sessionId", "No session with this id on this map.");
        return session.Closed
            ? MapAnswers.Conflict("Session closed", "This mapping session is closed and takes no more ripples or links.")
            : null;
    }
}
