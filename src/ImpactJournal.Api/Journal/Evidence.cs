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

    /// <summary>A 400 naming each cited item the alliance does not have, or null when all exist.</summary>
    public static async Task<IResult?> MissingAsync(IQuerySession session, string field, IReadOnlyList<EvidenceRef> evidence, CancellationToken ct)
    {
        var validation = new Validation();
        for (var i = 0; i < evidence.Count; i++)
        {
            var state = await session.Events.FetchStreamStateAsync(evidence[i].Id, ct);
            var expected = evidence[i].Kind == EvidenceKind.Observation ? typeof(Observation) : typeof(Story);
            if (state?.AggregateType != expected)
                validation.Add($"{field}[{i}].id", $"No {Vocabulary.Spell(evidence[i].Kind)} with this id in this alliance.");
        }
        return validation.IsValid ? null : Results.Problem(validation.ToProblem());
    }
}
