using ImpactJournal.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ImpactJournal.Tests.Alliances;

public sealed class when_forming_an_alliance(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "priya@example.org";

    [Fact]
    public async Task the_creator_becomes_its_first_steward()
    {
        var allianceId = await As(Steward).FormAlliance();

        var alliance = await As(Steward).Get($"/api/alliances/{allianceId}");
        Assert.Equal("Northfield Food Alliance", alliance!["name"]!.GetValue<string>());
        Assert.Equal("alliance-contract", alliance["agreementType"]!.GetValue<string>());
        var member = Assert.Single(alliance["members"]!.AsArray());
        Assert.Equal(Steward, member!["subject"]!.GetValue<string>());
        Assert.Equal("steward", member["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task it_answers_201_with_the_location_of_the_alliance()
    {
        var (status, _, body, result) = await As(Steward).SendRaw(HttpMethod.Post, "/api/alliances",
            """{"name":"Youth Alliance","agreementType":"relational-contract","sharedPurpose":"Young people feel safe"}""");

        Assert.Equal(201, status);
        Assert.Contains("\"id\"", body);
        var location = result.Context.Response.Headers.Location.ToString();
        Assert.StartsWith("/api/alliances/", location);
        await As(Steward).Get(location);
    }

    [Fact]
    public async Task a_retry_with_the_same_id_and_body_appends_no_second_event()
    {
        var id = Guid.NewGuid();
        await As(Steward).Post("/api/alliances", AllianceBuilder.FormBody(id));
        var retried = await As(Steward).Post("/api/alliances", AllianceBuilder.FormBody(id), expect: 200);

        Assert.Equal(id.ToString(), retried!["id"]!.GetValue<string>());
        await using var session = Store.QuerySession(id.ToString());
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task the_same_id_with_a_different_body_is_a_conflict()
    {
        var id = Guid.NewGuid();
        await As(Steward).Post("/api/alliances", AllianceBuilder.FormBody(id));

        await As(Steward).Post("/api/alliances", AllianceBuilder.FormBody(id, name: "Another name"), expect: 409);
        await As("someone-else@example.org").Post("/api/alliances", AllianceBuilder.FormBody(id), expect: 409);
    }

    [Fact]
    public async Task every_missing_field_is_named()
    {
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, "/api/alliances", "{}");

        Assert.Equal(400, status);
        Assert.Contains("\"name\"", body);
        Assert.Contains("\"agreementType\"", body);
        Assert.Contains("\"sharedPurpose\"", body);
    }

    [Theory]
    [InlineData("\"merger\"")]
    [InlineData("3")]
    [InlineData("\"Alliance-Contract \"")]
    public async Task an_unknown_agreement_type_is_rejected_naming_the_field(string agreementType)
    {
        var (status, _, body, _) = await As(Steward).SendRaw(HttpMethod.Post, "/api/alliances",
            $$"""{"name":"X","agreementType":{{agreementType}},"sharedPurpose":"Y"}""");

        Assert.Equal(400, status);
        Assert.Contains("\"agreementType\"", body);
    }

    [Fact]
    public async Task over_long_text_is_rejected()
    {
        await As(Steward).Post("/api/alliances", new
        {
            name = new string('n', 201),
            agreementType = "other",
            sharedPurpose = "fine"
        }, expect: 400);
    }

    [Fact]
    public async Task callers_without_a_valid_token_are_refused()
    {
        await Anonymous().Post("/api/alliances", AllianceBuilder.FormBody(), expect: 401);
        await Anonymous().Get("/api/alliances", expect: 401);

        foreach (var token in new[] { TestTokens.Expired(Steward), TestTokens.SignedWithAnotherKey(Steward), "not-a-jwt" })
        {
            var result = await Host.Scenario(s =>
            {
                s.Get.Url("/api/alliances");
                s.WithRequestHeader("Authorization", $"Bearer {token}");
                s.StatusCodeShouldBe(401);
            });
            Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
        }
    }

    [Fact]
    public void the_configured_signing_keys_are_read_once_not_for_every_token()
    {
        var options = Host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var keys = options.TokenValidationParameters.IssuerSigningKeys;
        var key = Assert.Single(keys);
        // The same key each time it is read: its HMAC is made once and reused.
        Assert.Same(key, keys.Single());
    }
}
