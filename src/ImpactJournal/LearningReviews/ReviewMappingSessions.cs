using ImpactJournal.RippleMaps;

namespace ImpactJournal.LearningReviews;

/// <summary>What a ripple-mapping session held in a review's period said when it closed ("What surprised us?", "What next?").</summary>
public sealed record MappingSessionReflection(Guid MapId, string Focus, Guid SessionId, string Title, DateOnly HeldOn, string Reflections)
{
    /// <summary>The sessions held within the period (dates inclusive) that closed with something said, in the order they were held.</summary>
    public static IReadOnlyList<MappingSessionReflection> Within(IEnumerable<RippleMap> maps, DateOnly start, DateOnly end) =>
    [
        .. maps.SelectMany(map => map.Sessions.Values
                .Where(s => s.HeldOn >= start && s.HeldOn <= end && !string.IsNullOrWhiteSpace(s.Reflections))
                .Select(s => new MappingSessionReflection(map.Id, map.Focus, s.Id, s.Title, s.HeldOn, s.Reflections!)))
            .OrderBy(s => s.HeldOn).ThenBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.SessionId)
    ];

    /// <summary>One line of the summary's text: the session, its map, and what it said.</summary>
    public string Line => $"“{Title}” on {Indicators.TrendSentence.Day(HeldOn)}, mapping “{Focus}”: {Reflections.Replace("\n\n", " ")}";
}
