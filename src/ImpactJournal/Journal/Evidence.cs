using ImpactJournal.Infrastructure;
using ImpactJournal.Observations;
using ImpactJournal.Stories;
using Marten;

namespace ImpactJournal.Journal;

public enum EvidenceKind
{
    Observation,
    Story
}

/// <summary>An observation or story of the same alliance, cited for a ripple, a link or an indicator reading.</summary>
public sealed record EvidenceRef(EvidenceKind Kind, Guid Id);

/// <summary>A citation as readers see it: withdrawn when the teller has since withdrawn consent.</summary>
public sealed record EvidenceView(EvidenceKind Kind, Guid Id, bool Withdrawn)
{
    public static IReadOnlyList<EvidenceView> Of(IReadOnlyList<EvidenceRef> cited, IReadOnlySet<Guid> withdrawn) =>
        [.. cited.Select(e => new EvidenceView(e.Kind, e.Id, withdrawn.Contains(e.Id)))];
}

public sealed record EvidenceInput(EvidenceKind? Kind, Guid? Id);

/// <summary>Evidence cited for a ripple, a link or a reading must be an observation or story of the same alliance.</summary>
public static class Evidence
{
    public const int MaxItems = 20;

    public static Validation CheckEvidence(this Validation validation, string field, IReadOnlyList<EvidenceInput?>? evidence)
    {
        if (evidence is null) return validation;
        if (evidence.Count > MaxItems) return validation.Add(field, $"At most {MaxItems} items.");
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i] is not { } item) { validation.Add($"{field}[{i}]", "Required."); continue; }
            validation.Defined($"{field}[{i}].kind", item.Kind);
            if (item.Id is null || item.Id == Guid.Empty) validation.Add($"{field}[{i}].id", "Required.");
        }
        return validation;
    }

    public static IReadOnlyList<EvidenceRef> ToRefs(IReadOnlyList<EvidenceInput?>? evidence) =>
        evidence is null ? [] : [.. evidence.Select(e => new EvidenceRef(e!.Kind!.Value, e.Id!.Value)).Distinct()];

    /// <summary>Which of these observations and stories had consent withdrawn (one query over the audit events).</summary>
    public static async Task<IReadOnlySet<Guid>> WithdrawnAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return new HashSet<Guid>();
        // Only the audit events are read: maps cite many records, and this runs on every map read.
        var withdrawn = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(distinct) && e.EventTypeName.IsOneOf(WithdrawalEventTypes))
            .Select(e => e.StreamId).ToListAsync(ct);
        return withdrawn.ToHashSet();
    }

    private static readonly string[] WithdrawalEventTypes = ["observation_consent_withdrawn", "story_consent_withdrawn"];

    /// <summary>
    /// The field errors naming each cited item the alliance does not have, or whose teller withdrew consent
    /// (a withdrawn record is evidence of nothing any more); none when all may be cited.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> UncitableAsync(IQuerySession session, string field,
        IReadOnlyList<EvidenceRef> evidence, CancellationToken ct)
    {
        var validation = new Validation();
        var withdrawn = await WithdrawnAsync(session, evidence.Select(e => e.Id), ct);
        for (var i = 0; i < evidence.Count; i++)
        {
            var state = await session.Events.FetchStreamStateAsync(evidence[i].Id, ct);
            var expected = evidence[i].Kind == EvidenceKind.Observation ? typeof(Observation) : typeof(Story);
            if (state?.AggregateType != expected)
                validation.Add($"{field}[{i}].id", $"No {Vocabulary.Spell(evidence[i].Kind)} with this id in this alliance.");
            else if (withdrawn.Contains(evidence[i].Id))
                validation.Add($"{field}[{i}].id", $"Consent for this {Vocabulary.Spell(evidence[i].Kind)} was withdrawn; it cannot be cited.");
        }
        return validation.ToErrors();
    }
}
