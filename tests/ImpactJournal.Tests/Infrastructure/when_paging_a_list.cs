using ImpactJournal.Infrastructure;
using Xunit;

namespace ImpactJournal.Tests.Infrastructure;

public sealed class when_paging_a_list
{
    [Fact]
    public void following_cursors_visits_every_item_once_in_order()
    {
        var all = Enumerable.Range(1, 7).ToList();
        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var (request, problem) = PageRequest.From(3, cursor);
            Assert.Null(problem);
            var page = request!.Slice(all);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(all, seen);
    }

    [Fact]
    public void the_default_limit_is_50()
    {
        var (request, _) = PageRequest.From(null, null);
        Assert.Equal(50, request!.Limit);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(501, null)]
    [InlineData(10, "not base64!")]
    [InlineData(10, "bzotNQ==")] // "o:-5"
    [InlineData(10, "eDox")]     // "x:1"
    public void bad_limits_and_forged_cursors_are_problems(int limit, string? cursor)
    {
        var (request, problem) = PageRequest.From(limit, cursor);
        Assert.Null(request);
        Assert.NotNull(problem);
    }
}
