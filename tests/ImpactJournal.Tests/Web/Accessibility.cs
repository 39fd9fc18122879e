using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// axe-core on the page as it stands, against WCAG 2.0, 2.1 and 2.2 at levels A and AA, and reflow
/// (WCAG 1.4.10): nothing makes the page wider than the window, so a phone never scrolls sideways.
/// </summary>
public static class Accessibility
{
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }
        });
        Assert.True(result.Violations.Length == 0, $"{page.Url}: " + string.Join("; ",
            result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url}: the page is {widths[0]} px wide in a {widths[1]} px window");
    }
}
