using System.Globalization;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.LearningReviews;

/// <summary>
/// The ripples a review's period touched: added (by when they happened) or re-coded within it, counted by order
/// and by current capital; the unintended ones added, oldest first.
/// </summary>
public sealed record ReviewRipples(int Added, int Recoded, IReadOnlyDictionary<string, int> ByOrder, IReadOnlyDictionary<string, int> ByCapital,
    IReadOnlyList<UnintendedRipple> Unintended)
{
    public static ReviewRipples Of(IReadOnlyList<RippleFacts> maps, DateOnly periodStart, DateOnly periodEnd)
    {
        var from = new DateTimeOffset(periodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(periodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        bool InPeriod(DateTimeOffset at) => at >= from && at < until;

        var capitals = Enum.GetValues<CommunityCapital>();
        var byCapital = new int[capitals.Length];
        var byOrder = new SortedDictionary<int, int>();
        var unintended = new List<UnintendedRipple>();
        var (added, recoded) = (0, 0);
        foreach (var map in maps)
            foreach (var ripple in map.Ripples)
            {
                var isAdded = InPeriod(ripple.HappenedAt);
                var isRecoded = ripple.RecodedAt.Any(InPeriod);
                if (!isAdded && !isRecoded) continue;
                if (isAdded) added++;
                if (isRecoded) recoded++;
                if (isAdded && ripple.Intended == false)
                    unintended.Add(new UnintendedRipple(map.MapId, ripple.Id, ripple.Label, ripple.Order, ripple.HappenedAt));
                if (ripple.Order is { } order) byOrder[order] = byOrder.GetValueOrDefault(order) + 1;
                foreach (var capital in capitals)
                    if (ripple.Capitals.Contains(capital)) byCapital[(int)capital]++;
            }

        return new ReviewRipples(added, recoded,
            byOrder.ToDictionary(o => o.Key.ToString(CultureInfo.InvariantCulture), o => o.Value),
            capitals.ToDictionary(Vocabulary.Spell, c => byCapital[(int)c]),
            [.. unintended.OrderBy(r => r.AddedAt).ThenBy(r => r.Id)]);
    }
}
