using ImpactJournal.Stories.Patterns;
using Xunit;

namespace ImpactJournal.Tests.Stories;

/// <summary>What a commissioner's pattern may show, with no host: small groups, differencing, and a choice's small counts.</summary>
public sealed class when_withholding_small_patterns
{
    [Theory]
    [InlineData(4, new[] { 40 }, false)]
    [InlineData(5, new[] { 5 }, true)]
    [InlineData(5, new[] { 10 }, true)]
    [InlineData(6, new[] { 9 }, false)]
    [InlineData(6, new[] { 6, 20, 8 }, false)]
    [InlineData(12, new[] { 12, 17, 30 }, true)]
    public void a_group_is_shown_only_when_no_wider_group_gives_back_a_small_difference(int group, int[] wider, bool shown) =>
        Assert.Equal(shown, PatternDisclosure.Shows(group, wider));

    [Fact]
    public void every_wider_group_leaves_out_some_filters()
    {
        var filter = new PatternFilter("staff", new Dictionary<string, string> { ["feeling"] = "hopeful" }, new DateOnly(2025, 1, 1), null, null, "food", null);
        var wider = PatternDisclosure.WiderGroups(filter);
        Assert.Equal(15, wider.Count); // every proper subset of its four filters
        Assert.Contains(wider, w => w.IsEverything);
        Assert.Contains(wider, w => w is { Role: "staff", Theme: "food", From: null } && w.Choices.Count == 1);
        Assert.DoesNotContain(wider, w => w == filter || (w.Role == filter.Role && w.Theme == filter.Theme && w.From == filter.From && w.Choices.Count == 1));
    }

    [Fact]
    public void a_single_small_count_takes_the_next_smallest_with_it()
    {
        Assert.Equal(["<5", "withheld", 20, 0], PatternDisclosure.Cells([3, 6, 20, 0]));
        Assert.Equal(["<5", "<5", 9], PatternDisclosure.Cells([3, 2, 9]));
        Assert.Equal([7, 9], PatternDisclosure.Cells([7, 9]));
    }
}
