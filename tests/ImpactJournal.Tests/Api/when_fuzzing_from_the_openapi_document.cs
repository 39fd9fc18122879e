using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Api;

/// <summary>
/// A standing guard: requests generated from the service's own OpenAPI document, for every
/// operation, then mutated (wrong types, nulls, huge and NUL/lone-surrogate strings, deep nesting,
/// extreme dates and numbers, odd query strings, ids of other record kinds and alliances, CSV bodies
/// with NULs, unbalanced quotes and huge rows, wrong content types), sent under every role, as a member
/// of another alliance and with no token. No answer may be a 5xx, every 4xx is problem+json, and the
/// service is healthy and still takes a write afterwards. The seed is fixed and printed
/// (<c>FUZZ_SEED</c> overrides it; <c>FUZZ_REQUESTS</c> the count).
/// </summary>
public sealed class when_fuzzing_from_the_openapi_document(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const int DefaultSeed = 20261126;
    private const int DefaultRequests = 5000;
    private const string Outsider = "fuzz-outsider@example.org";
    private const string LoneSurrogate = "__LONE_SURROGATE__";
    private const string DeepNesting = "__DEEP_NESTING__";

    private sealed record Operation(string Method, string Path, JsonObject Definition);

    private sealed record Request(string Method, string Url, byte[]? Body, string ContentType, string? Subject, string Mutation);

    [Fact]
    public async Task no_generated_or_mutated_request_gets_a_5xx_and_the_service_stays_healthy()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : DefaultRequests;
        var records = await RecordsOfEveryKind.BuildAsync(As, "fuzz");
        var other = await RecordsOfEveryKind.BuildAsync(As, "fuzz-other");
        await As(Outsider).FormAlliance("The outsider's own alliance");
        var document = (await Anonymous().Get("/openapi/v1.json"))!.AsObject();
        var operations = Operations(document).ToList();
        Assert.Contains(operations, o => o.Path == "/api/commons");
        Assert.Contains(operations, o => o.Path.EndsWith("/commons/publications"));
        var fuzz = new Fuzzer(new Random(seed), document, records, other);

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var request = fuzz.Next(operations[i % operations.Count]);
            var (status, contentType, body, _) = await new Support.Api(Host, request.Subject)
                .SendBytes(new HttpMethod(request.Method), request.Url, request.Body, request.ContentType);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 || status >= 400 && !contentType.StartsWith("application/problem+json"))
                failures.Add($"{request.Method} {request.Url} as {request.Subject ?? "nobody"} [{request.Mutation}] -> {status} {contentType} {body[..Math.Min(body.Length, 300)]}");
        }

        var summary = $"Fuzzed {count} requests over {operations.Count} operations with seed {seed}: " +
                      string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"));
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, $"{failures.Count} failures (seed {seed}):\n" + string.Join("\n", failures.Take(25)));
        Assert.Equal(200, (await Anonymous().SendRaw(HttpMethod.Get, "/health/ready", null)).Status);
        await As("fuzz-after@example.org").FormAlliance("Still writable after the fuzzing");
    }

    /// <summary>Every operation of the document except the live stream (it never ends; the role matrix opens it).</summary>
    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, definition) in item!.AsObject())
                if (method is "get" or "post" or "put" or "delete" && !path.EndsWith("/live"))
                    yield return new Operation(method.ToUpperInvariant(), path, definition!.AsObject());
    }

    private sealed class Fuzzer(Random random, JsonObject document, RecordsOfEveryKind records, RecordsOfEveryKind other)
    {
        private static readonly string[] ExtremeMoments =
            ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59-14:00", "2025-02-30T00:00:00Z", "-infinity", "2025-01-01", "now"];
        private static readonly string[] ExtremeNumbers = ["1e308", "-1e308", "1e400", "-0", "99999999999999999999999", "0.0000000000000000001", "NaN", "\"12\""];
        private static readonly string[] OddQueryValues =
            ["%00", "a%00b", "%ED%A0%80", "%FF%FE", new string('q', 5000), "-1", "0", "99999999", "true", "%27%3B--", "%5B%5D", "eyJ9"];

        private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? [];

        public Request Next(Operation operation)
        {
            var subject = Subject();
            var mutation = "valid";
            var url = FillPath(operation, ref mutation);
            url += Query(operation, ref mutation);
            var (body, contentType) = Body(operation, ref mutation);
            return new Request(operation.Method, url, body, contentType, subject, mutation);
        }

        private string? Subject() => random.Next(8) switch
        {
            < 4 and var r => records.Subject(RecordsOfEveryKind.Roles[r]),
            4 => records.Subject("steward"),
            5 => other.Subject("steward"),
            6 => Outsider,
            _ => null
        };

        private string FillPath(Operation operation, ref string mutation)
        {
            var filled = records.Fill(operation.Path);
            if (random.Next(5) != 0 || !operation.Path.Contains('{')) return filled;
            var names = System.Text.RegularExpressions.Regex.Matches(operation.Path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            var name = names[random.Next(names.Count)];
            var wrong = random.Next(5) switch
            {
                0 => records.Ids.Values.ElementAt(random.Next(records.Ids.Count)),
                1 => other.Ids.GetValueOrDefault(name) ?? Guid.NewGuid().ToString(),
                2 => Guid.Empty.ToString(),
                3 => "not-a-uuid",
                _ => Guid.NewGuid().ToString()
            };
            mutation = $"path {name}={wrong[..Math.Min(12, wrong.Length)]}";
            return filled.Replace(records.Ids.GetValueOrDefault(name) ?? "\0", wrong);
        }

        private string Query(Operation operation, ref string mutation)
        {
            var parameters = operation.Definition["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").ToList() ?? [];
            var parts = new List<string>();
            foreach (var parameter in parameters)
            {
                if (random.Next(3) == 0) continue;
                var name = parameter!["name"]!.GetValue<string>();
                var value = random.Next(4) == 0 ? OddQueryValues[random.Next(OddQueryValues.Length)] : QueryValue(name, parameter["schema"]);
                if (value.Contains('%') || value.Length > 100) mutation += $" query {name}";
                parts.Add($"{name}={value}");
            }
            if (random.Next(10) == 0) parts.Add("limit=1&limit=2&unknown=x");
            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        }

        private string QueryValue(string name, JsonNode? schema)
        {
            var generated = Value(schema, 0);
            var text = generated is JsonValue v && v.TryGetValue<string>(out var str) ? str : generated?.ToJsonString() ?? "";
            if (name is "asOf" or "from" or "to" && random.Next(3) == 0) text = ExtremeMoments[random.Next(ExtremeMoments.Length)];
            return Uri.EscapeDataString(text);
        }

        private (byte[]? Body, string ContentType) Body(Operation operation, ref string mutation)
        {
            if (operation.Path.EndsWith("/import"))
            {
                mutation = "csv";
                return (Encoding.UTF8.GetBytes(Csv(operation.Path.Contains("/readings/"))), random.Next(6) == 0 ? "application/json" : "text/csv");
            }
            var schema = operation.Definition["requestBody"]?["content"]?["application/json"]?["schema"];
            if (schema is null)
                return random.Next(6) == 0 ? (Encoding.UTF8.GetBytes("{\"unexpected\":true}"), "application/json") : (null, "application/json");

            var body = Value(schema, 0);
            switch (random.Next(12))
            {
                case 0: mutation = "whole body replaced"; return (Encoding.UTF8.GetBytes(new[] { "", "null", "[]", "{", "42", "\"x\"", "{}" }[random.Next(7)]), "application/json");
                case 1: mutation = "wrong content type"; return (Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "{}"), new[] { "text/plain", "application/xml", "multipart/form-data", "text/csv" }[random.Next(4)]);
                case < 4: break;
                default:
                    if (body is JsonObject target) mutation = MutateField(target);
                    break;
            }
            var json = (body?.ToJsonString() ?? "null")
                .Replace($"\"{LoneSurrogate}\"", "\"a\\ud800b\"")
                .Replace($"\"{DeepNesting}\"", new string('[', 3000) + new string(']', 3000));
            return (Encoding.UTF8.GetBytes(json), "application/json");
        }

        /// <summary>Replaces one field (possibly nested) with something it must not hold.</summary>
        private string MutateField(JsonObject target)
        {
            var fields = target.Select(p => p.Key).ToList();
            if (fields.Count == 0) return "empty object";
            var field = fields[random.Next(fields.Count)];
            if (target[field] is JsonObject nested && nested.Count > 0 && random.Next(2) == 0) return $"{field}." + MutateField(nested);
            JsonNode? replacement;
            string what;
            switch (random.Next(11))
            {
                case 0: replacement = null; what = "null"; break;
                case 1: replacement = JsonValue.Create(new string('x', 100_000)); what = "100k string"; break;
                case 2: replacement = JsonValue.Create("a\0b"); what = "NUL"; break;
                case 3: replacement = JsonValue.Create(LoneSurrogate); what = "lone surrogate"; break;
                case 4: replacement = JsonValue.Create(DeepNesting); what = "deep nesting"; break;
                case 5: replacement = JsonValue.Create(ExtremeMoments[random.Next(ExtremeMoments.Length)]); what = "extreme moment"; break;
                case 6: replacement = JsonNode.Parse(ExtremeNumbers[random.Next(3)]); what = "extreme number"; break;
                case 7: replacement = new JsonArray(JsonValue.Create(1), JsonValue.Create("two"), null); what = "odd array"; break;
                case 8: replacement = new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } }; what = "object"; break;
                case 9: replacement = JsonValue.Create(records.Ids.Values.ElementAt(random.Next(records.Ids.Count))); what = "id of another kind"; break;
                default: replacement = JsonValue.Create(true); what = "boolean"; break;
            }
            target[field] = replacement;
            return $"{field}={what}";
        }

        private string Csv(bool readings)
        {
            var header = readings ? "id,observedOn,value,sampleSize,source,note" : "id,observedAt,text,themes,capitals,valence,partnerId,consentScope,identifiable";
            var csv = new StringBuilder(random.Next(8) == 0 ? "not,a,known,header" : header).Append("\r\n");
            for (var row = 0; row < random.Next(1, 6); row++)
            {
                csv.Append(random.Next(6) switch
                {
                    0 => readings ? ",2025-01-0\0 1,4\0,,\r\n" : ",2025-01-14T11:00:00Z,te\0xt,fo\0od,social,generative,,alliance,false\r\n",
                    1 => readings ? ",2025-01-02,\"5,,\r\n" : ",2025-01-14T11:00:00Z,\"unbalanced,food,social,generative,,alliance,false\r\n",
                    2 => $",2025-01-03,{new string('9', 200_000)},,\r\n",
                    3 => readings ? $"{Guid.Empty},9999-12-31,1e400,-1,=cmd,@x\r\n" : $"{Guid.Empty},9999-12-31T00:00:00Z,x,,,sunny,{Guid.NewGuid()},nobody,maybe\r\n",
                    _ => readings ? $",2025-02-{random.Next(1, 28):00},{random.Next(100)},10,survey,\r\n"
                        : $",2025-01-14T11:00:00Z,Fine row {row},food,social,generative,,alliance,false\r\n"
                });
            }
            return csv.ToString();
        }

        /// <summary>A value that fits the schema, following $ref, oneOf, enums and formats.</summary>
        private JsonNode? Value(JsonNode? schema, int depth)
        {
            if (schema is not JsonObject s || depth > 6) return null;
            if (s["$ref"]?.GetValue<string>() is { } reference) return Value(_schemas[reference.Split('/')[^1]], depth + 1);
            if ((s["oneOf"] ?? s["anyOf"]) is JsonArray choices)
            {
                var options = choices.Where(c => c!["type"]?.ToString() != "null").ToList();
                return options.Count == 0 ? null : Value(options[random.Next(options.Count)], depth + 1);
            }
            if (s["enum"] is JsonArray values && values.Count > 0) return values[random.Next(values.Count)]?.DeepClone();

            var types = s["type"] switch
            {
                JsonArray many => many.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
                JsonValue one => [one.GetValue<string>()],
                _ => []
            };
            var type = types.Count > 0 ? types[random.Next(types.Count)] : s["properties"] is not null ? "object" : "string";
            var format = s["format"]?.GetValue<string>();
            return type switch
            {
                "object" => Object(s, depth),
                "array" => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Value(s["items"] ?? new JsonObject { ["type"] = "string" }, depth + 1))]),
                "integer" => JsonValue.Create(random.Next(0, 100)),
                "number" => JsonValue.Create(Math.Round(random.NextDouble() * 100, 2)),
                "boolean" => JsonValue.Create(random.Next(2) == 0),
                _ => format switch
                {
                    "uuid" => JsonValue.Create(random.Next(3) == 0 ? Guid.NewGuid().ToString() : records.Ids.Values.ElementAt(random.Next(records.Ids.Count))),
                    "date-time" => JsonValue.Create(DateTime.UtcNow.AddDays(-random.Next(400)).ToString("yyyy-MM-ddTHH:mm:ssZ")),
                    "date" => JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-random.Next(400)).ToString("yyyy-MM-dd")),
                    _ => JsonValue.Create($"fuzz {random.Next(1000)}")
                }
            };
        }

        private JsonObject Object(JsonObject schema, int depth)
        {
            var result = new JsonObject();
            if (schema["properties"] is not JsonObject properties) return result;
            foreach (var (name, property) in properties)
                if (random.Next(5) != 0) result[name] = Value(property, depth + 1);
            return result;
        }
    }
}
