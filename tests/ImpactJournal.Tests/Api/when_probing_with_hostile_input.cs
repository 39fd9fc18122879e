using System.Text.Json.Nodes;
using Alba;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Api;

/// <summary>What black-box probing found: input that reached a 5xx or lost data. Each answers 4xx problem+json now.</summary>
public sealed class when_probing_with_hostile_input(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "probe-steward@example.org";
    private const string Partner = "probe-partner@example.org";
    private const string ObservationHeader = "id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable";

    private static void AssertProblem((int Status, string ContentType, string Body, IScenarioResult _) answer, int status)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.ContentType);
    }

    [Fact]
    public async Task a_nul_in_a_query_string_is_a_400_and_the_next_request_is_served()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("probe");
        foreach (var url in new[]
                 {
                     $"/api/alliances/{a}/observations?theme=a%00b", $"/api/alliances/{a}/observations?place%00=x",
                     $"/api/alliances/{a}/maps?cursor=%00"
                 })
        {
            var answer = await As(Steward).SendRaw(HttpMethod.Get, url, null);
            AssertProblem(answer, 400);
            await As(Steward).Get($"/api/alliances/{a}/observations?theme=food");
        }
    }

    [Fact]
    public async Task csv_cells_with_nul_reject_their_row_and_every_row_is_accounted_for()
    {
        var (a, partnerId) = await As(Steward).FormAllianceWithEveryRole("probe");
        var csv = string.Join("\r\n",
            ObservationHeader,
            ",2025-01-14T11:00:00Z,Clean row,food,social,generative,,alliance,false",
            ",2025-01-14T11:00:00Z,Text with \0 NUL,food,social,generative,,alliance,false",
            ",2025-01-14T11:00:00Z,Themes,fo\0od,social,generative,,alliance,false",
            ",2025-01-14T11:00:00Z\0,Moment,food,social,generative,,alliance,false",
            ",9999-12-31T00:00:00Z,Far future,food,social,generative,,alliance,false") + "\r\n";
        var answer = await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/observations/import", csv, "text/csv");
        Assert.Equal(200, answer.Status);
        var result = JsonNode.Parse(answer.Body)!;
        Assert.Equal(1, result["imported"]!.GetValue<long>());
        Assert.Equal([3L, 4, 5, 6], result["rejected"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()));

        var indicator = (await As(Partner).Post($"/api/alliances/{a}/indicators", new
        { name = "Someone to call", question = "q", unit = "count", method = "survey", proposedBy = "residents" })).Id();
        var readings = "observedOn,value,source,note\r\n2025-01-01,4\0,,\r\n2025-01-02,5,sur\0vey,\r\n2025-01-03,6,,no\0te\r\n2025-01-04,7,,\r\n";
        var imported = await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/indicators/{indicator}/readings/import", readings, "text/csv");
        Assert.Equal(200, imported.Status);
        var readingsResult = JsonNode.Parse(imported.Body)!;
        Assert.Equal(1, readingsResult["imported"]!.GetValue<long>());
        Assert.Equal([2L, 3, 4], readingsResult["rejected"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()));
    }

    [Fact]
    public async Task an_import_batch_the_database_refuses_is_reported_row_by_row_and_a_second_import_saves_it()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("probe");
        var trigger = $"{Fixture.Schema}.refuse_marked_events";
        await Sql($"""
            create function {trigger}() returns trigger language plpgsql as $$
            begin if new.data::text like '%REFUSE-ME%' then raise exception 'refused by the test'; end if; return new; end $$;
            create trigger refuse_marked before insert on {Fixture.Schema}.mt_events for each row execute function {trigger}();
            """);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var csv = $"{ObservationHeader}\r\n"
            + $"{ids[0]},2025-01-14T11:00:00Z,First,food,social,generative,,alliance,false\r\n"
            + $"{ids[1]},2025-01-14T11:00:00Z,REFUSE-ME,food,social,generative,,alliance,false\r\n"
            + $"{ids[2]},2025-01-14T11:00:00Z,Third,food,social,generative,,alliance,false\r\n";
        try
        {
            var failed = JsonNode.Parse((await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/observations/import", csv, "text/csv")).Body)!;
            var accounted = failed["imported"]!.GetValue<long>() + failed["duplicates"]!.GetValue<long>() + failed["rejectedTotal"]!.GetValue<long>();
            Assert.Equal(3, accounted);
            Assert.Equal([2L, 3, 4], failed["rejected"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()));
        }
        finally
        {
            await Sql($"drop trigger refuse_marked on {Fixture.Schema}.mt_events; drop function {trigger}();");
        }
        var again = JsonNode.Parse((await As(Partner).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/observations/import", csv, "text/csv")).Body)!;
        Assert.Equal(3, again["imported"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_all_zero_id_is_not_found_on_every_write_route()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("probe");
        var zero = Guid.Empty;
        var routes = new[]
        {
            $"observations/{zero}/amendments", $"observations/{zero}/retraction", $"observations/{zero}/consent-withdrawal",
            $"stories/{zero}/selections", $"stories/{zero}/consent-withdrawal",
            $"indicators/{zero}/adoption", $"indicators/{zero}/readings", $"indicators/{zero}/retirement",
            $"learning-reviews/{zero}/adaptations", $"learning-reviews/{zero}/reflections", $"learning-reviews/{zero}/close",
            $"learning-reviews/{Guid.NewGuid()}/adaptations/{zero}/progress", $"maps/{zero}/ripples"
        };
        foreach (var route in routes)
            AssertProblem(await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/{route}", """{"text":"x","reason":"x","panel":"p"}"""), 404);
        AssertProblem(await As(Steward).SendRaw(HttpMethod.Put, $"/api/alliances/{a}/indicators/{zero}/definition", """{"name":"x"}"""), 404);
        AssertProblem(await As(Steward).SendRaw(HttpMethod.Post, $"/api/alliances/{a}/indicators/{zero}/readings/import", "observedOn,value\r\n", "text/csv"), 404);
    }

    [Fact]
    public async Task dates_outside_the_journal_are_refused_and_the_latest_allowed_still_summarises()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("probe");
        var reviews = $"/api/alliances/{a}/learning-reviews";
        var refused = await As(Steward).Post(reviews, new { title = "Forever", periodStart = "2025-01-01", periodEnd = "9999-12-31" }, expect: 400);
        Assert.True(refused!["errors"]!["periodEnd"] is not null, refused.ToJsonString());
        await As(Steward).Post(reviews, new { title = "Ancient", periodStart = "0001-01-01", periodEnd = "2025-01-01" }, expect: 400);
        await As(Partner).Post($"/api/alliances/{a}/observations", ObservationBuilder.Body(observedAt: "9999-12-31T23:59:59Z"), expect: 400);

        var widest = (await As(Steward).Post(reviews, new { title = "Widest", periodStart = "1900-01-01", periodEnd = "2199-12-31" })).Id();
        foreach (var format in new[] { "json", "markdown", "html" })
            Assert.Equal(200, (await As(Steward).SendRaw(HttpMethod.Get, $"{reviews}/{widest}/summary?format={format}", null)).Status);
        await As(Steward).Get("/api/dashboard");
    }

    [Fact]
    public async Task an_accept_header_naming_another_type_still_gets_json_and_errors_stay_problem_json()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("probe");
        var created = await Send(HttpMethod.Post, $"/api/alliances/{a}/maps", """{"focus":"Community fridge"}""", "text/html", TestTokens.For(Steward));
        Assert.Equal(201, created.Context.Response.StatusCode);
        Assert.StartsWith("application/json", created.Context.Response.ContentType);
        var refused = await Send(HttpMethod.Post, $"/api/alliances/{a}/maps", """{"focus":""}""", "text/html", TestTokens.For(Steward));
        Assert.Equal(400, refused.Context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", refused.Context.Response.ContentType);
    }

    [Fact]
    public async Task a_token_without_a_subject_is_refused_before_anything_is_stored()
    {
        var token = TestTokens.WithoutSubject();
        var form = await Send(HttpMethod.Post, "/api/alliances", """{"name":"Nobody's","agreementType":"other","sharedPurpose":"None"}""", "application/json", token);
        Assert.Equal(401, form.Context.Response.StatusCode);
        Assert.Equal(401, (await Send(HttpMethod.Get, "/api/alliances", null, "application/json", token)).Context.Response.StatusCode);
        Assert.Equal(0, await Fixture.RowsMentioning("Nobody's"));
    }

    private Task<IScenarioResult> Send(HttpMethod method, string url, string? body, string accept, string token) => Host.Scenario(s =>
    {
        s.ConfigureHttpContext(http =>
        {
            http.Request.Method = method.Method;
            http.Request.Path = url;
            http.Request.Headers.Authorization = $"Bearer {token}";
            http.Request.Headers.Accept = accept;
            if (body is not null)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                http.Request.ContentType = "application/json";
                http.Request.ContentLength = bytes.Length;
                http.Request.Body = new MemoryStream(bytes);
            }
        });
        s.IgnoreStatusCode();
    });

    private async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
