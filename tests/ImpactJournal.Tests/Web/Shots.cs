using Microsoft.Playwright;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// A journey's screenshots, written to <c>SCREENSHOTS_DIR</c> when it is set (./ops/screenshots sets it); otherwise nothing.
/// The whole page, or only its first screen (what the person sees on arrival).
/// </summary>
public static class Shots
{
    public static async Task TakeAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = fullPage });
    }
}
