using System.Net;
using System.Text;
using Alba;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ImpactJournal.Tests.Invitations;

/// <summary>
/// The rate limits in front of residents' links, on a host of their own configured with small limits (3 sends through one
/// invitation, 5 requests from one address, per ten minutes), so that no other test shares them.
/// </summary>
public sealed class when_residents_send_too_much(AppFixture fixture) : IntegrationContext(fixture), IAsyncLifetime
{
    private const string Steward = "limits-steward@example.org";
    private const string Partner = "limits-partner@example.org";
    private IAlbaHost _limited = null!;
    private int _addresses;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _limited = await AlbaHost.For<Program>(builder => builder
            .UseEnvironment("Testing")
            .ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ResidentLimits:PerInvitation:PermitLimit"] = "3", ["ResidentLimits:PerInvitation:WindowSeconds"] = "600",
                ["ResidentLimits:PerAddress:PermitLimit"] = "5", ["ResidentLimits:PerAddress:WindowSeconds"] = "600",
                // The shared host projects; this one only answers.
                ["Projections:Daemon"] = "Disabled"
            })));
    }

    async Task IAsyncLifetime.DisposeAsync() => await _limited.DisposeAsync();

    private async Task<string> Invitation()
    {
        var (alliance, _) = await As(Steward).FormAllianceWithEveryRole("limits");
        var made = await As(Partner).Post($"/api/alliances/{alliance}/invitations", new
        {
            purpose = "Tell us about the Tuesday meal", kind = "story", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd"), maxUses = 100
        });
        return made!["token"]!.GetValue<string>();
    }

    private IPAddress NewAddress() => IPAddress.Parse($"203.0.113.{++_addresses}");

    private async Task<HttpContext> Send(string method, string path, IPAddress from, string? json = null) =>
        await _limited.Server.SendAsync(http =>
        {
            http.Request.Method = method;
            http.Request.Path = path;
            http.Connection.RemoteIpAddress = from;
            if (json is null) return;
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        });

    private static string Story() => $$"""{"id":"{{Guid.CreateVersion7()}}","title":"A seat saved","narrative":"Maggie saved me a seat.","scope":"alliance"}""";

    private static string Body(HttpContext http) => new StreamReader(http.Response.Body).ReadToEnd();

    [Fact]
    public async Task one_invitation_takes_as_many_sends_as_its_limit_then_answers_429_with_when_to_try_again()
    {
        var token = await Invitation();
        for (var i = 0; i < 3; i++) Assert.Equal(201, (await Send("POST", $"/api/invitations/{token}/stories", NewAddress(), Story())).Response.StatusCode);

        var refused = await Send("POST", $"/api/invitations/{token}/stories", NewAddress(), Story());
        Assert.Equal(429, refused.Response.StatusCode);
        Assert.StartsWith("application/problem+json", refused.Response.ContentType);
        Assert.InRange(int.Parse(refused.Response.Headers.RetryAfter!), 1, 600);
        Assert.Contains("Please wait a minute", Body(refused));
        // Another invitation is not held back by this one's sends, and reading this one still works.
        Assert.Equal(201, (await Send("POST", $"/api/invitations/{await Invitation()}/stories", NewAddress(), Story())).Response.StatusCode);
        Assert.Equal(200, (await Send("GET", $"/api/invitations/{token}", NewAddress())).Response.StatusCode);
    }

    [Fact]
    public async Task one_address_takes_as_many_requests_as_its_limit_to_the_residents_links_then_answers_429_on_the_page_in_plain_words()
    {
        var token = await Invitation();
        var guesser = NewAddress();
        Assert.Equal(200, (await Send("GET", $"/i/{token}", guesser)).Response.StatusCode);
        for (var i = 0; i < 4; i++) Assert.Equal(404, (await Send("GET", $"/api/invitations/guess-{i}", guesser)).Response.StatusCode);

        var refused = await Send("GET", $"/i/{token}", guesser);
        Assert.Equal(429, refused.Response.StatusCode);
        Assert.NotNull(refused.Response.Headers.RetryAfter.ToString());
        Assert.Contains("Please wait a moment", Body(refused));
        Assert.Equal(429, (await Send("GET", "/api/resident/2345-6789-ABCD", guesser)).Response.StatusCode);
        // Someone else, and members' own pages, are not held back.
        Assert.Equal(200, (await Send("GET", $"/i/{token}", NewAddress())).Response.StatusCode);
        Assert.NotEqual(429, (await Send("GET", "/health/ready", guesser)).Response.StatusCode);
    }
}
