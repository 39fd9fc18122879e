using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

public static class SigningIn
{
    /// <summary>Signs in through the Development picker as the demo member whose name the option starts with.</summary>
    public static async Task SignInAsync(this IPage page, string name)
    {
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel(new Regex($"^{name}")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
