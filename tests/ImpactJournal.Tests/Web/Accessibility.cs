using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>axe-core on the page as it stands, against WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
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
    }
}
