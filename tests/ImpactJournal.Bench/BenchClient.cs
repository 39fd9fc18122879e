using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ImpactJournal.Bench;

/// <summary>HTTP calls to the service under test, as a given subject.</summary>
public sealed class BenchClient(BenchOptions options, int connections)
{
    public const string Issuer = "impactjournal-bench";

    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10)
    })
    { BaseAddress = options.Service, Timeout = TimeSpan.FromMinutes(10) };

    public string Token(string subject)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey));
        var token = new JwtSecurityToken(Issuer, Issuer, [new Claim("sub", subject)], DateTime.UtcNow.AddMinutes(-1),
            DateTime.UtcNow.AddHours(2), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public async Task<JsonNode> PostJson(string subject, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject));
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
