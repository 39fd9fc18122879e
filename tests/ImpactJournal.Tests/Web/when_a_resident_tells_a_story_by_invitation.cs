using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// On a phone (390×844): a partner makes an invitation and shows its QR code; a resident opens the link with no account,
/// tells a story and gets a reference code; the partner reads it and accepts it; with the code alone the resident sees it
/// accepted and takes it back. A second resident's story is declined and the reason read back with the code. A revoked
/// link gives a plain page. Every page axe-clean.
/// </summary>
public sealed class when_a_resident_tells_a_story_by_invitation(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<string> MakeInvitationAsync(IPage partner, string purpose)
    {
        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/invitations");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Invite residents" }).First.ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Invite residents" })).ToBeVisibleAsync();
        await partner.AssertAccessibleAsync();
        await partner.GetByLabel(new Regex("^What are you asking")).FillAsync(purpose);
        await partner.GetByLabel("How many times may it be used?").FillAsync("5");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Make the invitation" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Your invitation" })).ToBeVisibleAsync();
        await Expect(partner.GetByRole(AriaRole.Img, new() { Name = "QR code of the invitation's link" })).ToBeVisibleAsync();
        return (await partner.Locator(".card-link code").TextContentAsync())!.Trim();
    }

    private static async Task<string> TellAsync(IPage resident, string link, string title, string story)
    {
        await resident.GotoAsync(link);
        await resident.GetByLabel(new Regex("^Your story")).FillAsync(story);
        await resident.GetByLabel("A short title for it").FillAsync(title);
        await resident.GetByLabel("Only the people who work in these groups").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Send my story" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your story" })).ToBeVisibleAsync();
        return (await resident.Locator(".reference-code .code").TextContentAsync())!.Trim();
    }

    private static async Task ReadWithCodeAsync(IPage resident, string code)
    {
        await resident.GotoAsync("/r");
        await resident.GetByLabel(new Regex("^Your reference code")).FillAsync(code.ToLowerInvariant());
        await resident.GetByRole(AriaRole.Button, new() { Name = "See what I sent" }).ClickAsync();
    }

    [Fact]
    public async Task a_story_told_with_no_account_is_accepted_then_taken_back_with_its_code()
    {
        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Dan Mercer");
        var link = await MakeInvitationAsync(partner, "Tell us about the Tuesday meal");
        await partner.AssertAccessibleAsync();
        await Shots.TakeAsync(partner, "invitation-made-phone");

        await using var residentContext = await browser.NewContextAsync();
        var resident = await residentContext.NewPageAsync();
        await resident.GotoAsync(link);
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Tell us about the Tuesday meal", Level = 1 })).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-story-phone");
        var title = $"A seat saved {Guid.NewGuid():N}";
        var code = await TellAsync(resident, link, title, "Maggie saved me a seat and now I help with the washing up.");
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$", code);
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-code-phone");

        await ReadWithCodeAsync(resident, code);
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("waiting");
        await resident.AssertAccessibleAsync();

        // Not among the stories until accepted.
        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await Expect(partner.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/waiting");
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await partner.AssertAccessibleAsync();
        await Shots.TakeAsync(partner, "stories-waiting-for-review-phone");
        await partner.GetByRole(AriaRole.Button, new() { Name = $"Accept “{title}”" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Story accepted");
        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await Expect(partner.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(1);

        await ReadWithCodeAsync(resident, code);
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("accepted");
        await resident.GetByLabel("I want to take my story back").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Take my story back" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("taken back");
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-story-taken-back-phone");

        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories");
        await Expect(partner.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_declined_storys_reason_is_read_with_the_code_and_a_revoked_link_gives_a_plain_page()
    {
        await using var partnerContext = await browser.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await partner.SignInAsync("Dan Mercer");
        var purpose = $"The winter coat swap {Guid.NewGuid():N}";
        var link = await MakeInvitationAsync(partner, purpose);

        await using var residentContext = await browser.NewContextAsync();
        var resident = await residentContext.NewPageAsync();
        var title = $"My neighbour {Guid.NewGuid():N}";
        var code = await TellAsync(resident, link, title, "My neighbour at number 12 drinks too much.");

        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/stories/waiting");
        var story = partner.GetByRole(AriaRole.Article).Filter(new() { Has = partner.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await story.GetByText("Decline it").ClickAsync();
        await story.GetByLabel(new Regex("^Why\\?")).FillAsync("It is about your neighbour, who did not agree to it. Tell us about yourself instead.");
        await story.GetByRole(AriaRole.Button, new() { Name = $"Decline “{title}”" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("Story declined");

        await ReadWithCodeAsync(resident, code);
        await Expect(resident.GetByRole(AriaRole.Status)).ToContainTextAsync("not accepted");
        await Expect(resident.GetByText("It is about your neighbour, who did not agree to it.", new() { Exact = false })).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-story-declined-phone");

        await partner.GotoAsync($"/alliances/{browser.Demo.Alliance.Id}/invitations");
        await Expect(partner.GetByText("Used 1 time of 5.").First).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = $"Revoke “{purpose}”" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await partner.AssertAccessibleAsync();

        var answer = await resident.GotoAsync(link);
        Assert.Equal(404, answer!.Status);
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "This link does not open" })).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await Shots.TakeAsync(resident, "resident-link-does-not-open-phone");
    }
}
