using System.Text;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Observations;

public sealed class when_importing_observations(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Header = "id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable";

    private async Task<(Guid AllianceId, Guid PartnerId)> Alliance(string prefix) => await As("import-steward@example.org").FormAllianceWithEveryRole(prefix);

    private Task<(int Status, string ContentType, string Body, Alba.IScenarioResult Result)> Import(string subject, Guid allianceId, string csv,
        string contentType = "text/csv") =>
        As(subject).SendRaw(HttpMethod.Post, $"/api/alliances/{allianceId}/observations/import", csv, contentType);

    [Fact]
    public async Task good_rows_are_kept_and_each_bad_row_is_reported_with_its_line()
    {
        var (allianceId, partnerId) = await Alliance("imp");
        var csv = $"""
            {Header}
            ,2025-01-14T11:00:00Z,Three residents volunteer,volunteering;belonging,social;human,generative,,alliance,false
            ,not-a-date,Bad date,,,generative,,alliance,false
            ,2025-01-15T11:00:00Z,Bad valence and scope,,,sunny,,everyone,false
            ,2025-01-16T11:00:00Z,,,,mixed,,alliance,false
            ,2025-01-17T11:00:00Z,Unknown capital,,gold,mixed,,alliance,maybe
            ,2025-01-18T09:00:00Z,Huddle started,joined-up working,social,generative,{partnerId},commissioners,true
            """;

        var (status, _, body, _) = await Import("imp-partner@example.org", allianceId, csv);

        Assert.True(status == 200, body);
        var result = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal(2, result["imported"]!.GetValue<long>());
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([3L, 4L, 5L, 6L], rejected.Select(r => r!["line"]!.GetValue<long>()));
        Assert.NotNull(rejected[0]!["errors"]!["observedAt"]);
        Assert.NotNull(rejected[1]!["errors"]!["valence"]);
        Assert.NotNull(rejected[1]!["errors"]!["consentScope"]);
        Assert.NotNull(rejected[2]!["errors"]!["text"]);
        Assert.NotNull(rejected[3]!["errors"]!["capitals"]);

        await CatchUpProjections();
        var listed = await As("imp-partner@example.org").Get($"/api/alliances/{allianceId}/observations");
        Assert.Equal(2, listed.Ids().Count());
    }

    [Fact]
    public async Task ids_already_imported_or_repeated_in_the_file_are_duplicates()
    {
        var (allianceId, _) = await Alliance("dup");
        var logged = await As("dup-partner@example.org").LogObservation(allianceId);
        var fresh = Guid.NewGuid();
        var csv = $"""
            {Header}
            {logged},2025-01-14T11:00:00Z,Already logged,,,generative,,alliance,false
            {fresh},2025-01-14T11:00:00Z,New,,,generative,,alliance,false
            {fresh},2025-01-14T11:00:00Z,New again,,,generative,,alliance,false
            """;

        var first = await Import("dup-partner@example.org", allianceId, csv);
        var again = await Import("dup-partner@example.org", allianceId, csv);

        Assert.Contains("\"imported\":1,\"duplicates\":2", first.Body);
        Assert.Contains("\"imported\":0,\"duplicates\":3", again.Body);
    }

    [Fact]
    public async Task quoted_fields_may_hold_commas_quotes_and_newlines_and_a_bom_is_ignored()
    {
        var (allianceId, _) = await Alliance("quote");
        var id = Guid.NewGuid();
        var csv = "\uFEFF" + Header.ToUpperInvariant().Replace("OBSERVEDAT", "observedAt") + "\r\n"
            + $"{id},2025-02-03T15:30:00+00:00,\"Peer mentor J went with a client, to the GP.\r\nHis first \"\"proper\"\" visit.\",\"health access;peer support\",human,generative,,alliance,true\r\n"
            + ",bad,second line number is 4,,,generative,,alliance,false\r\n";

        var (status, _, body, _) = await Import("quote-partner@example.org", allianceId, csv, "text/csv; charset=utf-8");

        Assert.True(status == 200, body);
        Assert.Contains("\"imported\":1", body);
        Assert.Contains("\"line\":4", body);
        var observation = await As("quote-partner@example.org").Get($"/api/alliances/{allianceId}/observations/{id}");
        Assert.Equal("Peer mentor J went with a client, to the GP.\r\nHis first \"proper\" visit.", observation!["text"]!.GetValue<string>());
        Assert.Equal(["health access", "peer support"], observation["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("quote-partner@example.org", observation["loggedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_partner_imports_only_for_their_own_organisation()
    {
        var (allianceId, _) = await Alliance("own");
        var other = await As("import-steward@example.org").AddPartner(allianceId, "Other");
        var csv = $"{Header}\n,2025-01-14T11:00:00Z,For another partner,,,generative,{other},alliance,false\n";

        var (_, _, body, _) = await Import("own-partner@example.org", allianceId, csv);
        Assert.Contains("\"imported\":0", body);
        Assert.Contains("partnerId", body);

        (_, _, body, _) = await Import("own-facilitator@example.org", allianceId, csv);
        Assert.Contains("\"imported\":1", body);
    }

    [Theory]
    [InlineData("", "file")]
    [InlineData("observedAt,text\n", "header")]
    [InlineData("observedAt,text,valence,consentScope,identifiable,colour\n", "header")]
    public async Task an_unusable_header_rejects_the_file(string csv, string field)
    {
        var (allianceId, _) = await Alliance("hdr");
        var (status, contentType, body, _) = await Import("hdr-partner@example.org", allianceId, csv);
        Assert.Equal(400, status);
        Assert.StartsWith("application/problem+json", contentType);
        Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task only_csv_is_accepted_and_commissioners_may_not_import()
    {
        var (allianceId, _) = await Alliance("ct");
        Assert.Equal(415, (await Import("ct-partner@example.org", allianceId, "{}", "application/json")).Status);
        Assert.Equal(403, (await Import("ct-commissioner@example.org", allianceId, $"{Header}\n")).Status);
    }

    [Fact]
    public async Task a_file_over_50_mebibytes_is_refused_before_it_is_read()
    {
        var (allianceId, _) = await Alliance("big");
        var result = await Host.Scenario(s =>
        {
            s.Post.Url($"/api/alliances/{allianceId}/observations/import");
            s.ConfigureHttpContext(http =>
            {
                http.Request.Headers.Authorization = $"Bearer {TestTokens.For("big-partner@example.org")}";
                http.Request.ContentType = "text/csv";
                http.Request.ContentLength = 50L * 1024 * 1024 + 1;
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Header));
            });
            s.StatusCodeShouldBe(413);
        });
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
    }
}
