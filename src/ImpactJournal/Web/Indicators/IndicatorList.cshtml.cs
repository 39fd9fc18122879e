using ImpactJournal.Access;
using ImpactJournal.Indicators;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>The alliance's cornerstone indicators: status, latest reading and direction in words, each with its small trend picture.</summary>
public sealed class IndicatorListModel(AllianceDirectory directory, IDocumentStore store) : AlliancePage(directory)
{
    public sealed record Row(Guid Id, string Name, IndicatorStatus Status, string ProposedBy, IndicatorDefinition Definition,
        ReadingPoint? Latest, TrendDirection Direction, IReadOnlyList<OutlinePoint>? Outline);

    public IReadOnlyList<Row> Indicators { get; private set; } = [];

    public bool MayPropose => Member.Role is not AllianceRole.Commissioner;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        Indicators = await session.Query<Indicator>().OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new Row(i.Id, i.Name, i.Status, i.ProposedBy, i.Definition, i.Latest, i.Direction, i.Outline)).ToListAsync(ct);
        return Page();
    }
}
