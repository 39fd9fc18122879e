using System.Text.Json;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Journal;
using JasperFx.Events;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.CheckIns;

/// <summary>
/// The motivated-intruder test for check-ins. Random rosters (1–6 people in each role) answer one imperative, some
/// changing their answers, and the round closes; after every event the round's summary is read as the service
/// publishes it. The intruder knows the roster, exactly how many in each role had answered at each read (more than
/// the summary says), who answered between two reads, and the rules. For every read, and for every two reads around
/// one answer, this test goes through every way the roles' answers could have been that agrees with what was shown,
/// and finds that nobody's answer — and no answer given between two reads — is pinned to one value. The intruder may
/// also be a member who answered the closed round (any role, any answer they gave): then only the ways in which their
/// role holds their own answer count, and nobody else's answer may be pinned. The one exception: a group of 5 or more
/// who all gave the same answer, shown as their consensus — everyone who answered (then everyone sees it, the reader
/// among them), or, for a reader who answered, everyone else, counted without the reader. (Open reads show no answers,
/// so two reads around an answer tell a reader who answered nothing more than the closed round does.)
/// <para>
/// The enumeration is this test's own: it reads each published figure for what it says (a distribution is the
/// count of each answer, a median the middle rating, "fewer than 3 ratings" that a role gave fewer than 3, a closed
/// round's distribution withheld from 5 answers that all but one gave one answer, any other withheld value nothing),
/// finds for each role and each answer whether some way of answering agrees with it, and then has the service publish
/// each such way to check it would have shown exactly the same — so the intruder's knowledge of the rules (why
/// something is withheld) is counted too.
/// </para>
/// </summary>
public sealed class when_nobodys_answer_can_be_worked_out(ITestOutputHelper output)
{
    private const int Answers = 6; // 0 is "can't say", 1–5 the ratings
    private const int Trials = 300;
    private static readonly AllianceRole[] Roles = [AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Commissioner];
    private static readonly Imperative Imperative = new(Guid.NewGuid(), "We share information before we are asked");
    private static readonly Viewer Reader = new(AllianceRole.Partner, new DateOnly(2026, 12, 7));

    private sealed record Roster(int[] Sizes)
    {
        public IEnumerable<(string Subject, AllianceRole Role)> Members =>
            Roles.SelectMany((role, r) => Enumerable.Range(0, Sizes[r]).Select(i => ($"{role}-{i}", role)));

        public Alliance Alliance => new(Guid.Empty, "A", AgreementType.AllianceContract, "purpose", 1, [],
            [.. Members.Select(m => new Member(m.Subject, m.Subject, m.Role, null))], [Imperative], "s", DateTimeOffset.UnixEpoch);
    }

    /// <summary>What one read showed, with the truth behind it: each role's answers counted by value.</summary>
    private sealed record Read(ImperativeSummary Shown, bool Closed, int[][] Truth);

    [Fact]
    public void no_read_and_no_two_reads_pin_anyones_answer()
    {
        var random = new Random(29);
        int reads = 0, closedWithDistribution = 0, closedWithRoleMedians = 0, consensus = 0, readersWhoAnswered = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var roster = new Roster([.. Roles.Select(_ => random.Next(1, 7))]);
            var members = roster.Members.ToList();
            // Few distinct answers make ties and exhausted counts (where answers get pinned) common.
            var palette = Enumerable.Range(0, Answers).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
            var round = CheckInRound.Create(new Event<CheckInRoundOpened>(new CheckInRoundOpened(Guid.NewGuid(), "Q", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31))));
            var given = new Dictionary<string, int>();
            var history = new List<(Read Read, (AllianceRole Role, int? Before, int After)? Change)> { (Publish(round, roster, given), null) };
            for (var e = random.Next(0, 2 * members.Count); e > 0; e--)
            {
                var (subject, role) = members[random.Next(members.Count)];
                var value = palette[random.Next(palette.Length)];
                int? before = given.TryGetValue(subject, out var earlier) ? earlier : null;
                if (before == value) continue;
                given[subject] = value;
                round = round.Apply(new Event<CheckInAnswered>(new CheckInAnswered(round.Id, role,
                    [new ImperativeAnswer(Imperative.Id, value == 0 ? null : value, null, null, null)])) { UserName = subject, Timestamp = DateTimeOffset.UnixEpoch });
                history.Add((Publish(round, roster, given), (role, before, value)));
            }
            round = round.Apply(new Event<CheckInRoundClosed>(new CheckInRoundClosed(round.Id)) { Timestamp = DateTimeOffset.UnixEpoch });
            var closed = Publish(round, roster, given);

            foreach (var (read, _) in history.Append((closed, null)))
            {
                reads++;
                var why = $"trial {trial}, roster {string.Join("/", roster.Sizes)}, answers {Describe(read.Truth)}, shown {Json(read.Shown)}";
                ObeysTheRules(read, why);
                foreach (var (role, values) in Possible(read, roster))
                    if (values.Count == 1 && !IsConsensus(read)) Assert.Fail($"Anyone who is a {Roles[role]} answered {values.Single()}: {why}");
            }
            // Everyone who answered the closed round reads it too, knowing their own role and answer.
            for (var q = 0; q < Roles.Length; q++)
                for (var u = 0; u < Answers; u++)
                {
                    if (closed.Truth[q][u] == 0) continue;
                    readersWhoAnswered++;
                    foreach (var (role, values) in Possible(closed, roster, (q, u)))
                        if (values.Count == 1 && !IsConsensus(closed) && !OthersAgree(closed, u))
                            Assert.Fail($"The {Roles[q]} who answered {u} works out that anyone else who is a {Roles[role]} answered {values.Single()}: " +
                                        $"trial {trial}, roster {string.Join("/", roster.Sizes)}, answers {Describe(closed.Truth)}, shown {Json(closed.Shown)}");
                }
            // Two reads around each answer: the one just before it, and the next read (or the closed round, if it closed next).
            for (var k = 1; k < history.Count; k++)
            {
                var (before, change) = (history[k - 1].Read, history[k].Change!.Value);
                foreach (var after in k == history.Count - 1 ? new[] { history[k].Read, closed } : [history[k].Read])
                {
                    var values = PossibleNewAnswers(before, after, change, roster);
                    Assert.Contains(change.After, values);
                    if (values.Count == 1 && !IsConsensus(after))
                        Assert.Fail($"The {change.Role}'s new answer is {values.Single()}: trial {trial}, before {Json(before.Shown)}, after {Json(after.Shown)}");
                }
            }

            if (closed.Shown.Distribution is not null) closedWithDistribution++;
            if (closed.Shown.ByRole.Values.Any(v => v.Median is not null)) closedWithRoleMedians++;
            if (IsConsensus(closed)) consensus++;
        }
        output.WriteLine($"{reads} reads, {readersWhoAnswered} readers who answered a closed round; of {Trials} closed rounds " +
                         $"{closedWithDistribution} showed a distribution, {closedWithRoleMedians} role medians, {consensus} a consensus");
        Assert.True(closedWithRoleMedians > 0, "Role medians are never shown: the test would prove nothing about them");
    }

    private static Read Publish(CheckInRound round, Roster roster, Dictionary<string, int> given)
    {
        var truth = Roles.Select(role => Row(given.Where(g => g.Key.StartsWith($"{role}-", StringComparison.Ordinal)).Select(g => g.Value))).ToArray();
        var summary = GetCheckInSummaryEndpoint.Summarise(round, roster.Alliance, Reader).Imperatives.Single();
        return new Read(summary, round.Closed, truth);
    }

    /// <summary>What the rules promise about every read, checked against the truth behind it.</summary>
    private static void ObeysTheRules(Read read, string why)
    {
        var shown = read.Shown;
        var total = read.Truth.Sum(r => r.Sum());
        Assert.True(total == shown.Answered, why);
        if (!read.Closed)
        {
            Assert.True(shown.Distribution is null && shown.Median is null && shown.ByRole.Count == 0 && shown.Divergence is null, why);
            return;
        }
        Assert.True((shown.Distribution is not null) == (total >= 5 && !AllButOneAgreeBelowFive(Sum(read.Truth))), why);
        if (shown.Distribution is { } distribution)
            Assert.True(Enumerable.Range(0, Answers).All(v => distribution[Key(v)] == read.Truth.Sum(r => r[v])), why);
        Assert.True(shown.Median is null || shown.Distribution is not null, $"A median without its distribution: {why}");
        Assert.Equal(Median(Sum(read.Truth)) is { } m && shown.Distribution is not null ? m : null, shown.Median);
        for (var r = 0; r < Roles.Length; r++)
        {
            var n = read.Truth[r].Sum();
            if (n == 0) { Assert.False(shown.ByRole.ContainsKey(Spelled(r)), why); continue; }
            var view = shown.ByRole[Spelled(r)];
            Assert.True(n < 3 ? Equals(view.Answered, "<3") : Equals(view.Answered, n), why);
            if (view.Median is { } median) Assert.True(median == Median(read.Truth[r]), why);
        }
        // The divergence is made of the role medians shown, so it tells nothing more than they do.
        var medians = shown.ByRole.Values.Select(v => v.Median).OfType<double>().ToList();
        Assert.Equal(medians.Count < 2 ? null : medians.Max() - medians.Min(), shown.Divergence?.Gap);
    }

    private static bool IsConsensus(Read read) =>
        read.Closed && read.Shown.Distribution is { } d && d.Values.Sum() >= 5 && d.Values.Count(n => n > 0) == 1;

    /// <summary>Whether everyone but a reader who answered <paramref name="own"/> gave one answer, 5 or more of them.</summary>
    private static bool OthersAgree(Read read, int own)
    {
        if (Target(read) is not { } others) return false;
        others[own]--;
        return others.Count(n => n > 0) == 1 && others.Sum() >= 5;
    }

    /// <summary>All but one gave one answer, fewer than 5 of them: the one would know the others' answers.</summary>
    private static bool AllButOneAgreeBelowFive(int[] all) =>
        all.Count(n => n > 0) == 2 && all.Contains(1) && all.Sum() - 1 < 5;

    /// <summary>
    /// For each role that answered, every answer someone in it could have given, given what the read showed; for a
    /// reader who answered, given also their own role and answer, and of everyone in the role but them.
    /// </summary>
    private static IEnumerable<(int Role, HashSet<int> Values)> Possible(Read read, Roster roster, (int Role, int Answer)? reader = null)
    {
        int Own(int role, int value) => reader is { } me && me.Role == role && me.Answer == value ? 1 : 0;
        var sizes = read.Truth.Select(r => r.Sum()).ToArray();
        var rows = Enumerable.Range(0, Roles.Length)
            .Select(r => Rows(sizes[r]).Where(c => Agrees(read, r, c) && Enumerable.Range(0, Answers).All(v => c[v] >= Own(r, v))).ToList()).ToList();
        for (var r = 0; r < Roles.Length; r++)
        {
            if (sizes[r] - (reader?.Role == r ? 1 : 0) == 0) continue;
            var values = new HashSet<int>();
            for (var v = 0; v < Answers; v++)
            {
                var choices = rows.Select((list, s) => s == r ? [.. list.Where(c => c[v] > Own(r, v))] : list).ToList();
                if (Targets(read).Select(t => Solve(choices, t)).FirstOrDefault(w => w is not null) is not { } way) continue;
                values.Add(v);
                // The service, shown this way of answering, would publish exactly the same read.
                Assert.Equal(Json(read.Shown), Json(Republish(way, read.Closed, roster)));
            }
            yield return (r, values);
        }
    }

    /// <summary>Every value the answer given between two reads could have had, given both reads.</summary>
    private static HashSet<int> PossibleNewAnswers(Read before, Read after, (AllianceRole Role, int? Before, int After) change, Roster roster)
    {
        var r = Array.IndexOf(Roles, change.Role);
        var sizes = after.Truth.Select(x => x.Sum()).ToArray();
        var unchanged = Enumerable.Range(0, Roles.Length).Select(s => Rows(sizes[s]).Where(c => Agrees(after, s, c) && Agrees(before, s, c)).ToList()).ToList();
        var changed = Rows(sizes[r]).Where(c => Agrees(after, r, c)).ToList();
        var values = new HashSet<int>();
        for (var w = 0; w < Answers; w++)
        {
            // A first answer, or (if the person had answered) a change from any other answer.
            foreach (var u in change.Before is null ? new int?[] { null } : Enumerable.Range(0, Answers).Where(u => u != w).Select(u => (int?)u))
            {
                int[] Back(int[] c) { var b = (int[])c.Clone(); b[w]--; if (u is { } old) b[old]++; return b; }
                var choices = Enumerable.Range(0, Roles.Length).Select(s => s == r
                    ? [.. changed.Where(c => c[w] > 0 && Agrees(before, s, Back(c)))]
                    : unchanged[s]).ToList();
                int[][]? way = null;
                foreach (var shown in Targets(after))
                {
                    var target = shown;
                    var earlier = Target(before);
                    if (earlier is not null)
                    {
                        var then = (int[])earlier.Clone();
                        then[w]++;
                        if (u is { } old) then[old]--;
                        if (then.Any(n => n < 0) || (target is not null && !then.SequenceEqual(target))) continue;
                        target = then;
                    }
                    if ((way = Solve(choices, target)) is not null) break;
                }
                if (way is null) continue;
                values.Add(w);
                Assert.Equal(Json(after.Shown), Json(Republish(way, after.Closed, roster)));
                Assert.Equal(Json(before.Shown), Json(Republish([.. way.Select((c, s) => s == r ? Back(c) : c)], before.Closed, roster)));
                break;
            }
        }
        return values;
    }

    /// <summary>Whether a role's answers (counted by value) agree with what a read showed for the role.</summary>
    private static bool Agrees(Read read, int role, int[] answers)
    {
        if (!read.Closed || !read.Shown.ByRole.TryGetValue(Spelled(role), out var view)) return true;
        if (view.Median is { } median) return Median(answers) == median;
        if (view.Withheld == ImperativeRatings.Reasons.FewRatings) return answers[1..].Sum() < 3;
        return true;
    }

    /// <summary>The answers of everyone together, where the read showed their distribution; otherwise anything.</summary>
    private static int[]? Target(Read read) =>
        read.Shown.Distribution is { } d ? [.. Enumerable.Range(0, Answers).Select(v => d[Key(v)])] : null;

    /// <summary>
    /// Every distribution the read allows: the one shown; where a closed round of 5 or more withholds it, one of one
    /// answer given once and another by everyone else (the only reason it is withheld); otherwise any (null).
    /// </summary>
    private static IEnumerable<int[]?> Targets(Read read)
    {
        if (Target(read) is { } shown) { yield return shown; yield break; }
        if (!read.Closed || read.Shown.Answered < 5) { yield return null; yield break; }
        for (var odd = 0; odd < Answers; odd++)
            for (var alike = 0; alike < Answers; alike++)
            {
                if (odd == alike) continue;
                var target = new int[Answers];
                target[odd] = 1;
                target[alike] = read.Shown.Answered - 1;
                yield return target;
            }
    }

    /// <summary>One way the roles could have answered that adds up to the target, or null if there is none.</summary>
    private static int[][]? Solve(List<List<int[]>> choices, int[]? target)
    {
        if (choices.Any(c => c.Count == 0)) return null;
        if (target is null) return [.. choices.Select(c => c[0])];
        var way = new int[choices.Count][];
        var dead = new HashSet<(int, string)>();
        bool Fill(int role, int[] left)
        {
            if (role == choices.Count) return left.All(n => n == 0);
            if (dead.Contains((role, string.Join(",", left)))) return false;
            foreach (var c in choices[role])
            {
                if (Enumerable.Range(0, Answers).Any(v => c[v] > left[v])) continue;
                way[role] = c;
                if (Fill(role + 1, [.. left.Select((n, v) => n - c[v])])) return true;
            }
            dead.Add((role, string.Join(",", left)));
            return false;
        }
        return Fill(0, target) ? way : null;
    }

    /// <summary>The read the service publishes for a round in which each role answered as given.</summary>
    private static ImperativeSummary Republish(int[][] way, bool closed, Roster roster)
    {
        var round = CheckInRound.Create(new Event<CheckInRoundOpened>(new CheckInRoundOpened(Guid.NewGuid(), "Q", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31))));
        for (var r = 0; r < Roles.Length; r++)
        {
            var person = 0;
            for (var v = 0; v < Answers; v++)
                for (var i = 0; i < way[r][v]; i++)
                    round = round.Apply(new Event<CheckInAnswered>(new CheckInAnswered(round.Id, Roles[r],
                        [new ImperativeAnswer(Imperative.Id, v == 0 ? null : v, null, null, null)])) { UserName = $"{Roles[r]}-{person++}", Timestamp = DateTimeOffset.UnixEpoch });
        }
        if (closed) round = round.Apply(new Event<CheckInRoundClosed>(new CheckInRoundClosed(round.Id)) { Timestamp = DateTimeOffset.UnixEpoch });
        return GetCheckInSummaryEndpoint.Summarise(round, roster.Alliance, Reader).Imperatives.Single();
    }

    private static readonly Dictionary<int, List<int[]>> Ways = [];

    /// <summary>Every way n people can answer, counted by value.</summary>
    private static List<int[]> Rows(int n)
    {
        if (Ways.TryGetValue(n, out var rows)) return rows;
        Ways[n] = rows = [.. Enumerate(n)];
        foreach (var row in rows) Medians[row] = MedianOf(row);
        return rows;
    }

    private static IEnumerable<int[]> Enumerate(int n)
    {
        if (n < 0) yield break;
        var row = new int[Answers];
        IEnumerable<int[]> Place(int value, int left)
        {
            if (value == Answers - 1) { row[value] = left; yield return (int[])row.Clone(); yield break; }
            for (var k = 0; k <= left; k++)
            {
                row[value] = k;
                foreach (var r in Place(value + 1, left - k)) yield return r;
            }
        }
        foreach (var r in Place(0, n)) yield return r;
    }

    private static int[] Row(IEnumerable<int> values)
    {
        var row = new int[Answers];
        foreach (var v in values) row[v]++;
        return row;
    }

    private static int[] Sum(int[][] rows) => [.. Enumerable.Range(0, Answers).Select(v => rows.Sum(r => r[v]))];

    /// <summary>The middle rating ("can't say" left out), from 3 ratings; written out again rather than taken from the service.</summary>
    private static readonly Dictionary<int[], double?> Medians = new(ReferenceEqualityComparer.Instance);

    private static double? Median(int[] row)
    {
        return Medians.TryGetValue(row, out var known) ? known : MedianOf(row);
    }

    private static double? MedianOf(int[] row)
    {
        var ratings = Enumerable.Range(1, 5).SelectMany(v => Enumerable.Repeat(v, row[v])).ToArray();
        if (ratings.Length < 3) return null;
        var half = ratings.Length / 2;
        return ratings.Length % 2 == 1 ? ratings[half] : (ratings[half - 1] + ratings[half]) / 2.0;
    }

    private static string Key(int value) => value == 0 ? "cantSay" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Spelled(int role) => global::ImpactJournal.Infrastructure.Vocabulary.Spell(Roles[role]);

    private static string Describe(int[][] truth) =>
        string.Join(" ", truth.Select((row, r) => $"{Roles[r]}:[{string.Join(",", Enumerable.Range(0, Answers).SelectMany(v => Enumerable.Repeat(v == 0 ? "?" : $"{v}", row[v])))}]"));

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>A read as text to compare, without its ids (a republished round has its own).</summary>
    private static string Json(ImperativeSummary s) =>
        JsonSerializer.Serialize(new { s.Answered, s.Distribution, s.Withheld, s.Median, s.ByRole, s.Divergence, s.Examples, s.WouldHelp }, Options);
}
