using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Demo;

public sealed record DemoRipple(Guid Id, string Label, IReadOnlyList<CommunityCapital> Capitals, Valence Valence, bool? Intended, IReadOnlyList<Guid> CausedBy);

public sealed record DemoSession(Guid Id, string Title, DateOnly HeldOn, int Participants, string? Reflections, IReadOnlyList<DemoRipple> Ripples,
    IReadOnlyList<Guid>? Partners = null);

public sealed record DemoMap(Guid Id, string Focus, string? Description, IReadOnlyList<DemoSession> Sessions)
{
    /// <summary>The map's events: each session scheduled, its ripples with the links to their causes, then closed.</summary>
    public IEnumerable<object> ToEvents()
    {
        yield return new RippleMapStarted(Id, Focus, Description);
        foreach (var session in Sessions)
        {
            yield return new MappingSessionScheduled(session.Id, session.Title, session.HeldOn, session.Participants, Partners: session.Partners);
            foreach (var ripple in session.Ripples)
            {
                yield return new RippleAdded(ripple.Id, ripple.Label, null, ripple.Capitals, ripple.Valence, ripple.Intended, [], session.Id);
                foreach (var cause in ripple.CausedBy)
                    yield return new RipplesLinked(AddRippleUseCase.CauseLinkId(ripple.Id, cause), cause, ripple.Id, LinkRelation.LedTo, null, [], session.Id);
            }
            if (session.Reflections is { } reflections) yield return new MappingSessionClosed(session.Id, reflections);
        }
    }
}

public sealed record DemoReading(Guid Id, DateOnly ObservedOn, double Value, int? SampleSize);

public sealed record DemoIndicator(Guid Id, string Name, string Question, IndicatorUnit Unit, string Method, string ProposedBy,
    string? NarrativeOfSuccess, IReadOnlyList<DemoReading> Readings)
{
    /// <summary>Proposed, adopted on the day of its first reading, then its readings under definition 1.</summary>
    public IEnumerable<object> ToEvents()
    {
        yield return new IndicatorProposed(Id, Name, Question, Unit, Method, ProposedBy, NarrativeOfSuccess);
        if (Readings.Count > 0) yield return new IndicatorAdopted(Readings.Min(r => r.ObservedOn));
        foreach (var r in Readings) yield return new ReadingRecorded(r.Id, r.Value, r.ObservedOn, r.SampleSize, null, null, [], 1);
    }
}

public sealed record DemoReflection(ReflectionKind Kind, string Text);

public sealed record DemoAdaptation(Guid Id, string Text, string? Owner);

public sealed record DemoReview(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<string> Questions,
    IReadOnlyList<DemoReflection> Reflections, IReadOnlyList<DemoAdaptation> Adaptations)
{
    public DemoReview DatedBy(DemoCalendar calendar)
    {
        var (start, end) = (calendar.PeriodDay(PeriodStart), calendar.PeriodDay(PeriodEnd));
        return this with { PeriodStart = start, PeriodEnd = end, Title = DemoCalendar.Title(Title, start, end) };
    }

    /// <summary>A past review: opened, reflected on, adaptations agreed, closed.</summary>
    public IEnumerable<object> ToEvents()
    {
        yield return new LearningReviewOpened(Id, Title, PeriodStart, PeriodEnd, Questions);
        foreach (var (reflection, i) in Reflections.Select((r, i) => (r, i)))
            yield return new ReflectionAdded(DerivedId.From(Id, new Guid(i, 0, 0, new byte[8])), reflection.Kind, reflection.Text);
        foreach (var a in Adaptations) yield return new AdaptationAgreed(a.Id, a.Text, a.Owner);
        yield return new LearningReviewClosed(null);
    }
}
