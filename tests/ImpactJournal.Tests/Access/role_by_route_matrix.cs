using System.Text;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Access;

/// <summary>
/// A standing guard generated from the routing table: every API route (with its time-travel, diff,
/// export, picture and live variants) × every role × a member of another alliance × no token. The
/// expected answer is written once per access policy below, not read from the service. Writes are sent
/// with a body that cannot be read, so an allowed caller gets 400 (past the door, nothing changed) and a
/// refused one 401/403/404.
/// </summary>
public sealed class role_by_route_matrix(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const string Outsider = "matrix-outsider@example.org";
    private const string Nobody = "(no token)";

    /// <summary>Who may pass each policy: the contract of API.md, written out here on purpose.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["alliance:read"] = ["steward", "partner", "facilitator", "commissioner"],
        ["alliance:reflect"] = ["steward", "partner", "facilitator", "commissioner"],
        ["alliance:contribute"] = ["steward", "partner", "facilitator"],
        ["alliance:facilitate"] = ["steward", "facilitator"],
        ["alliance:steward"] = ["steward"],
    };

    /// <summary>
    /// The learning commons' reads: every member of any alliance — those of the records' alliance and, the column that matters
    /// here, a member of another alliance — reads them; nobody without a token does (the installation setting that opens the
    /// commons to visitors is off by default). Its writes sit under the alliance's routes like any other.
    /// </summary>
    private const string Commons = "(commons)";

    /// <summary>A resident's routes take no account: every caller, signed in or not, is answered as the token or code says.</summary>
    private const string Resident = "(resident)";

    private sealed record Route(string Method, string Pattern, string Policy);

    [Fact]
    public async Task every_route_answers_every_caller_as_its_policy_says()
    {
        var records = await RecordsOfEveryKind.BuildAsync(As, "matrix");
        await As(Outsider).FormAlliance("The outsider's own alliance");
        var partnerId = Guid.Parse(records.Ids["partnerId"]);
        string[] expiredTokens = [await Invitations.when_inviting_residents.ExpiredInvitation(Store, records.AllianceId, partnerId),
            await Invitations.when_inviting_residents.ExpiredInvitation(Store, records.AllianceId, partnerId, Guid.Parse(records.Ids["checkInId"]))];
        var routes = Routes().ToList();
        Assert.Contains(routes, r => r.Pattern.EndsWith("/live"));
        Assert.Contains(routes, r => r.Pattern.EndsWith("/picture"));
        Assert.Contains(routes, r => r.Pattern.EndsWith("/exports/qdpx"));
        Assert.Contains(routes, r => r.Pattern.EndsWith("/stories/export"));
        Assert.Contains(routes, r => r.Policy == Resident && r.Pattern.EndsWith("/check-in") && r.Method == "POST");
        Assert.Equal(4, routes.Count(r => r.Policy == Commons));
        Assert.Contains(routes, r => r.Pattern.Contains("/commons/publications"));
        // Deletes last: taking an item out of the commons or leaving it must come after the commons' reads found it.
        routes = [.. routes.OrderBy(r => r.Method == "DELETE")];

        var failures = new List<string>();
        var checks = 0;
        // The steward goes last: removing a member must happen after everyone else was refused.
        var callers = new[] { Nobody, Outsider, "partner", "facilitator", "commissioner", "steward" };
        foreach (var route in routes)
            foreach (var url in route.Policy == Resident ? ResidentUrls(route, records, expiredTokens) : Urls(route, records))
                foreach (var caller in callers)
                {
                    var subject = caller switch { Nobody => null, Outsider => Outsider, _ => records.Subject(caller) };
                    var expected = Expected(route, caller);
                    var status = await StatusOf(route.Method, url, subject, route.Pattern);
                    checks++;
                    if (!expected.Contains(status))
                        failures.Add($"{route.Method} {url} as {caller} ({route.Policy}): {status}, expected {string.Join(" or ", expected)}");
                }

        output.WriteLine($"{checks} route × caller checks over {routes.Count} routes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static int[] Expected(Route route, string caller)
    {
        // No token, an expired or a revoked invitation, an unknown code: the same 404 for everyone.
        if (route.Policy == Resident) return [404];
        if (caller == Nobody) return [401];
        if (route.Policy == Commons) return [200];
        var alliance = route.Pattern.Contains("{allianceId");
        if (!alliance) return route.Method == "GET" ? [200] : [400];
        if (caller == Outsider) return [404];
        if (!Allowed[route.Policy].Contains(caller)) return [403];
        if (route.Method == "DELETE") return [204];
        return route.Method == "GET" ? [200] : [400];
    }

    /// <summary>
    /// A resident's route with no token, an unknown one, expired and revoked invitations' of both kinds (for a story, for a
    /// check-in round), or an unknown code.
    /// </summary>
    private static IEnumerable<string> ResidentUrls(Route route, RecordsOfEveryKind records, string[] expiredTokens)
    {
        if (!route.Pattern.Contains("{token}")) { yield return route.Pattern.Replace("{code}", "2345-6789-ABCD"); yield break; }
        foreach (var token in (string[])["", "no-such-token", .. expiredTokens, records.Ids["revokedToken"], records.Ids["revokedCheckInToken"]])
            yield return route.Pattern.Replace("{token}", token);
    }

    /// <summary>The route filled with real ids, and its time-travel, diff, export and format variants.</summary>
    private static IEnumerable<string> Urls(Route route, RecordsOfEveryKind records)
    {
        var url = records.Fill(route.Pattern);
        // A moment after the records were made, so that time travel finds them.
        var moment = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        if (route.Method != "GET") { yield return url; yield break; }
        if (route.Pattern.EndsWith("/diff")) { yield return $"{url}?from={moment}"; yield break; }
        if (route.Pattern.EndsWith("/stories/export")) { yield return $"{url}?format=csv"; yield return url; yield break; }
        if (route.Pattern.EndsWith("/export"))
        {
            string[] formats = route.Pattern.EndsWith("/network/export") ? ["graphml", "kumu"] : ["graphml", "dot", "kumu", "csv"];
            foreach (var format in formats) yield return $"{url}?format={format}";
            yield return $"{url}?format=graphml&asOf={moment}";
            yield break;
        }
        yield return url;
        if (route.Pattern.EndsWith("/summary")) { yield return $"{url}?format=markdown"; yield return $"{url}?format=html"; }
        if (route.Pattern.EndsWith("/readings")) yield return $"{url}?format=csv";
        if (route.Pattern.EndsWith("/stories/patterns")) yield return $"{url}?role=staff&selected=true&compare={Uri.EscapeDataString("from=2025-01-01")}";
        if (route.Pattern.EndsWith("{mapId:guid}") || route.Pattern.EndsWith("/picture") || route.Pattern.EndsWith("/trend") || route.Pattern.EndsWith("/network")
            || route.Pattern.EndsWith("/summary"))
            yield return $"{url}?asOf={moment}";
    }

    private async Task<int> StatusOf(string method, string url, string? subject, string pattern)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (subject is not null) request.Headers.Authorization = new("Bearer", TestTokens.For(subject));
        if (method is "POST" or "PUT")
            request.Content = pattern.StartsWith("/api/invitations/")
                ? new StringContent("""{"title":"A seat","narrative":"Saved.","scope":"alliance"}""", Encoding.UTF8, "application/json")
                : pattern.EndsWith("/import")
                ? new StringContent("not,a,header,we,know\r\n", Encoding.UTF8, "text/csv")
                : new StringContent("{", Encoding.UTF8, "application/json");
        using var client = Host.Server.CreateClient();
        // Headers are enough: a live stream answers 200 and then never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (int)response.StatusCode;
    }

    private IEnumerable<Route> Routes()
    {
        var sources = Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText!;
            if (!pattern.StartsWith("/api/")) continue;
            var policy = pattern.StartsWith("/api/commons") ? Commons
                : endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Resident
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "alliance:read";
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                yield return new Route(method, pattern, policy);
        }
    }
}
