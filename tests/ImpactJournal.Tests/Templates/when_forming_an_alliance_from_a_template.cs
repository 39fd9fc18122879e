using ImpactJournal.Alliances;
using System.Text.Json.Nodes;
using ImpactJournal.Templates;
using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.Templates;

/// <summary>
/// Templates through the API: forming an alliance from one (everything it holds arrives as the alliance's own, changeable
/// records, and its history says which template and version), saving a setup as a template and importing it elsewhere, and
/// the files an import refuses (by field path, nothing saved).
/// </summary>
public sealed class when_forming_an_alliance_from_a_template(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Founder = "founder@templates.example";

    private Task<JsonNode?> Form(string templateId, Guid? id = null, int expect = 201) => As(Founder).Post("/api/alliances",
        new { id = id ?? Guid.CreateVersion7(), name = $"Ashworth {templateId}", sharedPurpose = "Nobody in Ashworth faces it alone.", templateId }, expect);

    public static TheoryData<string> Models => [.. CollaborationModels.Keys];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task the_alliance_starts_with_everything_the_template_holds_and_records_where_it_came_from(string model)
    {
        var template = TemplateLibrary.BuiltInByKey(model)!;
        var id = Guid.Parse((await Form(model))!["id"]!.GetValue<string>());
        var api = As(Founder);

        var alliance = (await api.Get($"/api/alliances/{id}"))!;
        Assert.Equal(model, alliance["collaborationModel"]!.GetValue<string>());
        Assert.Equal(model, alliance["agreementType"]!.GetValue<string>());
        Assert.Equal(template.Version, alliance["template"]!["version"]!.GetValue<int>());
        Assert.Equal(template.Imperatives, alliance["imperatives"]!.AsArray().Select(i => i!["text"]!.GetValue<string>()));
        var framework = (await api.Get($"/api/alliances/{id}/signification-framework"))!;
        Assert.Equal(template.Framework.Triads.Select(t => t.Prompt), framework["triads"]!.AsArray().Select(t => t!["prompt"]!.GetValue<string>()));
        var indicators = (await api.Get($"/api/alliances/{id}/indicators"))!["items"]!.AsArray();
        Assert.Equal(template.Indicators.Select(i => i.Name).Order(), indicators.Select(i => i!["name"]!.GetValue<string>()).Order());
        Assert.All(indicators, i => Assert.Equal("proposed", i!["status"]!.GetValue<string>()));

        await using var session = Store.QuerySession(id.ToString());
        var history = await session.Events.FetchStreamAsync(id);
        var origin = Assert.IsType<AllianceSetUpFromTemplate>(history[1].Data);
        Assert.Equal((model, template.Version), (origin.TemplateKey, origin.TemplateVersion));
    }

    [Fact]
    public async Task what_came_from_the_template_changes_through_the_alliances_own_use_cases()
    {
        var id = Guid.Parse((await Form("relational-contract"))!["id"]!.GetValue<string>());
        var api = As(Founder);
        await api.Post($"/api/alliances/{id}/imperatives", new { text = "We answer each other within a day." });
        await api.Put($"/api/alliances/{id}/signification-framework", new
        {
            dyads = new[] { new { key = "voice", prompt = "How much did the person decide?", left = "Nothing", right = "Everything" } },
            expectedVersion = 1
        });
        var indicator = (await api.Get($"/api/alliances/{id}/indicators"))!["items"]![0]!["id"]!.GetValue<string>();
        await api.Post($"/api/alliances/{id}/indicators/{indicator}/retirement", new { reason = "Not what we want to learn about." }, 200);

        var saved = TemplateSchema.Read((await api.SendRaw(HttpMethod.Get, $"/api/alliances/{id}/template", null)).Body).Template!;
        Assert.Equal("We answer each other within a day.", saved.Imperatives[^1]);
        Assert.Equal("voice", Assert.Single(saved.Framework.Dyads).Key);
        Assert.Equal(TemplateLibrary.BuiltInByKey("relational-contract")!.Indicators.Count - 1, saved.Indicators.Count);
    }

    [Fact]
    public async Task a_retry_forms_one_alliance_and_the_same_id_with_another_template_is_a_conflict()
    {
        var id = Guid.CreateVersion7();
        await Form("grant-collaboration", id);
        await Form("grant-collaboration", id, expect: 200);
        await Form("innovation-partnership", id, expect: 409);

        await using var session = Store.QuerySession(id.ToString());
        Assert.Single(await session.Events.FetchStreamAsync(id), e => e.Data is AllianceSetUpFromTemplate);
        Assert.Equal(TemplateLibrary.BuiltInByKey("grant-collaboration")!.Indicators.Count, await session.Query<ImpactJournal.Indicators.Indicator>().CountAsync());
    }

    [Fact]
    public async Task an_unknown_template_is_refused_by_field_and_forms_nothing()
    {
        var id = Guid.CreateVersion7();
        var refused = (await Form("franchise", id, expect: 400))!;
        Assert.NotNull(refused["errors"]!["templateId"]);
        await As(Founder).Get($"/api/alliances/{id}", 404);
    }

    [Fact]
    public async Task a_setup_saved_as_a_template_and_imported_forms_an_alliance_with_the_same_setup()
    {
        var first = Guid.Parse((await Form("thin-layer-cooperative"))!["id"]!.GetValue<string>());
        var api = As(Founder);
        await api.Post($"/api/alliances/{first}/imperatives", new { text = "Members buy from each other first." });
        var download = await api.SendRaw(HttpMethod.Get, $"/api/alliances/{first}/template", null);
        Assert.Contains("attachment", download.Result.Context.Response.Headers.ContentDisposition.ToString());

        var imported = (await As("someone-else@elsewhere.example").SendRaw(HttpMethod.Post, "/api/templates", download.Body, "application/json"));
        Assert.Equal(201, imported.Status);
        var key = JsonNode.Parse(imported.Body)!["key"]!.GetValue<string>();
        Assert.Contains((await api.Get("/api/templates"))!["items"]!.AsArray(), t => t!["key"]!.GetValue<string>() == key);
        Assert.Equal(200, (await api.SendRaw(HttpMethod.Post, "/api/templates", download.Body, "application/json")).Status);

        var second = Guid.Parse((await Form(key))!["id"]!.GetValue<string>());
        var (a, b) = (await SetupOf(first), await SetupOf(second));
        Assert.Equal(a.Imperatives, b.Imperatives);
        Assert.True(a.Framework.SameAs(b.Framework));
        Assert.Equal(a.ReviewQuestions, b.ReviewQuestions);
        Assert.Equal(a.Indicators.OrderBy(i => i.Name), b.Indicators.OrderBy(i => i.Name));
        Assert.Equal(a.CheckIn, b.CheckIn);
        Assert.Equal("thin-layer-cooperative", (await api.Get($"/api/alliances/{second}"))!["collaborationModel"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "not JSON", "{\"key\": ", "body" },
        { "a model that is not one of the seven", """{"collaborationModel": "franchise"}""", "collaborationModel" },
        { "a triad with two labels", """{"framework": {"triads": [{"key": "k", "prompt": "Who?", "labels": ["a", "b"]}], "dyads": [], "choices": []}}""", "framework.triads[0].labels" },
        { "an indicator with no narrative of success", """{"indicators": [{"name": "n", "question": "q?", "unit": "count", "method": "m"}]}""", "indicators[0].narrativeOfSuccess" },
        { "an empty commitment", """{"imperatives": ["We share.", " "]}""", "imperatives[1]" },
        { "a key with capitals", """{"key": "Our Alliance"}""", "key" },
        { "a field no template has", """{"colour": "green"}""", "colour" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task a_bad_file_is_refused_with_the_fields_path_and_nothing_is_saved(string what, string change, string field)
    {
        var file = JsonNode.Parse(TemplateLibrary.BuiltInByKey("collaboration-agreement")!.ToJson())!.AsObject();
        file["key"] = $"bad-{Guid.NewGuid():N}"[..20];
        string body;
        if (field == "body") body = change;
        else
        {
            foreach (var (name, value) in JsonNode.Parse(change)!.AsObject().ToList()) file[name] = value?.DeepClone();
            body = file.ToJsonString();
        }

        var answer = await As(Founder).SendRaw(HttpMethod.Post, "/api/templates", body, "application/json");

        Assert.True(answer.Status == 400, $"{what}: {answer.Status} {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.NotNull(JsonNode.Parse(answer.Body)!["errors"]![field]);
        await using var session = Store.QuerySession(TemplateLibrary.InstallationTenant);
        Assert.Equal(0, await session.Query<ImportedTemplate>().CountAsync());
    }

    [Fact]
    public async Task a_file_that_is_not_json_by_its_type_or_under_a_built_in_key_is_refused()
    {
        var file = TemplateLibrary.BuiltInByKey("alliance-contract")! with { Version = 2 };
        Assert.Equal(415, (await As(Founder).SendRaw(HttpMethod.Post, "/api/templates", file.ToJson(), "text/plain")).Status);
        Assert.Equal(409, (await As(Founder).SendRaw(HttpMethod.Post, "/api/templates", file.ToJson(), "application/json")).Status);
        Assert.Equal(404, (await As(Founder).SendRaw(HttpMethod.Get, "/api/templates/no-such-template", null)).Status);
    }

    private async Task<TemplateFile> SetupOf(Guid allianceId) =>
        TemplateSchema.Read((await As(Founder).SendRaw(HttpMethod.Get, $"/api/alliances/{allianceId}/template", null)).Body).Template!;
}
