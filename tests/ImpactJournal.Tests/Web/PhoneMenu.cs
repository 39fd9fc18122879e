using Microsoft.Playwright;

namespace ImpactJournal.Tests.Web;

public static class PhoneMenu
{
    /// <summary>On a phone, opens the header's menu, where the links beyond the first actions sit.</summary>
    public static Task OpenMenuAsync(this IPage page) => page.Locator("header summary", new() { HasText = "Menu" }).ClickAsync();
}
