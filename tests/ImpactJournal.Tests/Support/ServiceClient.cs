using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>Calls a <see cref="ServiceProcess"/> over real HTTP as one subject and checks the status of every answer.</summary>
public sealed class ServiceClient(Uri address, AuthenticationHeaderValue authorization) : IDisposable
{
    public ServiceClient(Uri address, string subject) : this(address, new AuthenticationHeaderValue("Bearer", TestTokens.For(subject))) { }

    /// <summary>Calls with a bearer token from elsewhere (an identity provider's).</summary>
    public static ServiceClient WithToken(Uri address, string token) => new(address, new AuthenticationHeaderValue("Bearer", token));

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = authorization }
    };

    public Task<JsonNode?> Get(string url, int expect = 200) => Send(HttpMethod.Get, url, null, expect);

    public Task<JsonNode?> Post(string url, object? body, int expect = 201) => Send(HttpMethod.Post, url, body, expect);

    public Task<JsonNode?> Put(string url, object? body, int expect = 200) => Send(HttpMethod.Put, url, body, expect);

    public Task<JsonNode?> Delete(string url, int expect = 204) => Send(HttpMethod.Delete, url, null, expect);

    public async Task<int> StatusOf(string url)
    {
        using var response = await _http.GetAsync(url);
        return (int)response.StatusCode;
    }

    /// <summary>Opens a server-sent event stream.</summary>
    public async Task<EventReader> Listen(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        return new EventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private async Task<JsonNode?> Send(HttpMethod method, string url, object? body, int expect)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expect, $"{method} {url} answered {(int)response.StatusCode}, expected {expect}: {text}");
        return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }

    public void Dispose() => _http.Dispose();
}
