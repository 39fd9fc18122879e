using System.Text;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.Api;

/// <summary>
/// Throws a corpus of malformed bodies at every POST and PUT endpoint the service maps (found by
/// enumerating its endpoints, so new endpoints are covered without touching this test) and
/// expects a 4xx problem answer to each, never a 5xx, and no change to the alliance.
/// </summary>
public sealed class malformed_input_corpus(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "corpus-steward@example.org";

    private static readonly string[] FieldNames =
        ["id", "name", "agreementType", "sharedPurpose", "kind", "subject", "displayName", "role", "partnerId", "text"];

    private static readonly string[] WrongValues =
        ["123", "-1.5e308", "1e400", "true", "[]", "{}", "null", "\"\"", "\"🙂\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"",
         "[[[[]]]]", $"\"{new string('x', 5000)}\""];

    public static IEnumerable<(string Name, byte[] Body)> Corpus()
    {
        static (string, byte[]) Text(string name, string body) => (name, Encoding.UTF8.GetBytes(body));

        yield return Text("empty", "");
        yield return Text("whitespace", "   \n ");
        yield return Text("truncated", "{\"name\": \"Nor");
        yield return Text("not json", "name=Northfield&kind=vcse");
        yield return Text("json null", "null");
        yield return Text("json array", "[]");
        yield return Text("json number", "42");
        yield return Text("json string", "\"hello\"");
        yield return Text("empty object", "{}");
        yield return Text("trailing garbage", "{} {}");
        yield return Text("single quotes", "{'name': 'x'}");
        yield return Text("comments", "{/* hi */ \"name\": \"x\"}");
        yield return Text("deeply nested arrays", new string('[', 10_000) + new string(']', 10_000));
        yield return Text("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        yield return Text("huge string under the limit", $"{{\"name\":\"{new string('n', 900_000)}\",\"text\":\"{new string('t', 100_000)}\"}}");
        yield return Text("over the body limit", $"{{\"name\":\"{new string('n', 2 * 1024 * 1024)}\"}}");
        yield return ("invalid utf-8", [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return Text("duplicate keys", "{\"name\":\"a\",\"name\":\"b\"}");
        yield return Text("unknown enum values", "{\"agreementType\":\"zzz\",\"kind\":\"zzz\",\"role\":\"zzz\"}");
        yield return Text("integer enum values", "{\"agreementType\":1,\"kind\":2,\"role\":99}");
        yield return Text("malformed ids", "{\"id\":\"not-a-uuid\",\"partnerId\":\"123\"}");
        foreach (var value in WrongValues)
        {
            var body = "{" + string.Join(",", FieldNames.Select(f => $"\"{f}\":{value}")) + "}";
            yield return Text($"every field = {value[..Math.Min(value.Length, 20)]}", body);
        }
    }

    [Fact]
    public async Task every_post_and_put_answers_bad_bodies_with_a_4xx_problem_and_changes_nothing()
    {
        var (allianceId, partnerId) = await As(Steward).FormAllianceWithEveryRole("corpus");
        var before = (await As(Steward).Get($"/api/alliances/{allianceId}"))!.ToJsonString();
        var routes = WriteRoutes().ToList();
        Assert.NotEmpty(routes);

        var failures = new List<string>();
        foreach (var (method, pattern, readsBody) in routes)
        {
            var url = pattern
                .Replace("{allianceId:guid}", allianceId.ToString())
                .Replace("{partnerId:guid}", partnerId.ToString())
                .Replace("{subject}", Steward);
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[^}]+:guid\}", Guid.NewGuid().ToString());

            foreach (var (name, body) in Corpus())
            {
                var (status, contentType, text, _) = await As(Steward).SendBytes(new HttpMethod(method), url, body);
                if (status is < 400 or >= 500 || !contentType.StartsWith("application/problem+json"))
                    failures.Add($"{method} {url} [{name}] -> {status} {contentType} {text[..Math.Min(text.Length, 200)]}");
            }

            var (wrongTypeStatus, _, _, _) = await As(Steward).SendRaw(new HttpMethod(method), url, "{}", "text/plain");
            if (readsBody && wrongTypeStatus != 415) failures.Add($"{method} {url} [text/plain] -> {wrongTypeStatus}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var after = (await As(Steward).Get($"/api/alliances/{allianceId}"))!.ToJsonString();
        Assert.Equal(before, after);
    }

    private IEnumerable<(string Method, string Pattern, bool ReadsBody)> WriteRoutes()
    {
        var sources = Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = endpoint.RoutePattern.RawText!;
            if (!pattern.StartsWith("/api/")) continue;
            // A resident's withdrawals by code (a story, check-in answers) read no body, so they have no content type to refuse.
            var readsBody = !pattern.StartsWith("/api/resident/{code}");
            foreach (var method in methods.Where(m => m is "POST" or "PUT" or "PATCH"))
                yield return (method, pattern, readsBody);
        }
    }
}
