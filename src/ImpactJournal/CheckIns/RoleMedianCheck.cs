namespace ImpactJournal.CheckIns;

/// <summary>
/// Whether the role medians, beside a round's distribution, could let someone work out one person's answer: a reader
/// who did not answer, or one who answered and takes their own answer away. It reads only what is shown anyway (how
/// many answered in each role, and the distribution), never the answers themselves, so the choice to withhold them
/// says nothing about the answers. It goes through every way the distribution could be shared out among the roles,
/// groups those that would show the same role medians (and, for a reader who answered, the same reader's role and
/// answer), and answers yes if in any group some role's answers — the reader's own left out — are all one value in
/// every way (so anyone else in that role is pinned to it). A role with more people than any one answer has, even
/// less the reader, can never be all one value, so where every role is like that nothing needs going through. Rounds
/// with too many ways to go through are answered yes: the medians are then withheld rather than left unchecked.
/// </summary>
public static class RoleMedianCheck
{
    /// <summary>How many steps the check may take (a few milliseconds) before it gives up and withholds.</summary>
    public const int MostSteps = 60_000;

    /// <summary>The readers a group is kept for: one who did not answer, then each role's reader of each answer.</summary>
    private const int Readers = 1 + 6 * 6;

    /// <param name="roleSizes">How many answered in each role that answered.</param>
    /// <param name="distribution">How many gave each answer: "can't say" first, then 1 to 5.</param>
    public static bool CouldPin(IReadOnlyList<int> roleSizes, IReadOnlyList<int> distribution)
    {
        var sizes = roleSizes.ToArray();
        var largest = distribution.Max();
        if (sizes.All(n => n - 1 > largest)) return false;
        // The largest role last: it takes what the others leave, so it need not be chosen.
        Array.Sort(sizes);
        var rows = new int[sizes.Length][];
        var groups = new Dictionary<long, long>();
        void Add(long key, long values) => groups[key] = groups.GetValueOrDefault(key) | values;
        var steps = 0;
        var left = distribution.ToArray();

        bool Share(int role)
        {
            if (role == sizes.Length - 1)
            {
                rows[role] = left;
                long medians = 0, values = 0;
                for (var r = 0; r < rows.Length; r++)
                {
                    medians = medians * 16 + MedianKey(rows[r]);
                    for (var v = 0; v < 6; v++) if (rows[r][v] > 0) values |= 1L << (r * 6 + v);
                }
                Add(medians * Readers, values);
                // A reader who answered v in role r sees the same medians and knows their own answer: the others
                // in role r are its row with one v taken away.
                for (var r = 0; r < rows.Length; r++)
                    for (var v = 0; v < 6; v++)
                    {
                        if (rows[r][v] == 0) continue;
                        var others = rows[r][v] == 1 ? values & ~(1L << (r * 6 + v)) : values;
                        Add(medians * Readers + 1 + r * 6 + v, others);
                    }
                return true;
            }
            var row = new int[6];
            rows[role] = row;
            return Fill(role, row, 0, sizes[role]);
        }

        bool Fill(int role, int[] row, int value, int remaining)
        {
            if (++steps > MostSteps) return false;
            if (value == 5)
            {
                if (remaining > left[5]) return true;
                row[5] = remaining;
                left[5] -= remaining;
                var carryOn = Share(role + 1);
                left[5] += remaining;
                row[5] = 0;
                return carryOn;
            }
            for (var n = Math.Min(remaining, left[value]); n >= 0; n--)
            {
                row[value] = n;
                left[value] -= n;
                var carryOn = Fill(role, row, value + 1, remaining - n);
                left[value] += n;
                row[value] = 0;
                if (!carryOn) return false;
            }
            return true;
        }

        if (sizes.Length == 0) return false;
        if (!Share(0)) return true;
        return groups.Values.Any(values => Enumerable.Range(0, sizes.Length)
            .Any(r => System.Numerics.BitOperations.PopCount((ulong)((values >> (r * 6)) & 0b111111)) == 1));
    }

    /// <summary>A role's median as it would be shown (0 when withheld: fewer than 3 ratings), doubled to stay whole.</summary>
    private static int MedianKey(int[] row)
    {
        var rated = row[1] + row[2] + row[3] + row[4] + row[5];
        if (rated < ImperativeRatings.FewestInRole) return 0;
        int Nth(int k)
        {
            for (var v = 1; v <= 5; v++) { k -= row[v]; if (k < 0) return v; }
            return 5;
        }
        return rated % 2 == 1 ? 2 * Nth(rated / 2) : Nth(rated / 2 - 1) + Nth(rated / 2);
    }
}
