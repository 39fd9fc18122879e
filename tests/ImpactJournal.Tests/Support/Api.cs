using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>Calls the service as one subject and checks the status of every answer.</summary>
public sealed class Api(IAlbaHost host, string? subject, string? displayName = null)
{
    /// <summary>The same subject with a token that also carries a display name, as the sign-in page's cookie does.</summary>
    public Api Named(string name) => new(host, subject, name);

    public async Task<JsonNode?> Get(string url, int expect = 200) =>
        await Send(HttpMethod.Get, url, null, expect);

    public async Task<JsonNode?> Post(string url, object? body, int expect = 201) =>
        await Send(HttpMethod.Post, url, body, expect);

    public async Task<JsonNode?> Put(string url, object? body, int expect = 200) =>
        await Send(HttpMethod.Put, url, body, expect);

    public async Task<JsonNode?> Delete(string url, int expect = 204) =>
        await Send(HttpMethod.Delete, url, null, expect);

    /// <summary>Sends a raw body with any content type; the answer is returned whatever its status.</summary>
    public Task<(int Status, string ContentType, string Body, IScenarioResult Result)> SendRaw(
        HttpMethod method, string url, string? body, string contentType = "application/json") =>
        SendBytes(method, url, body is null ? null : Encoding.UTF8.GetBytes(body), contentType);

    public async Task<(int Status, string ContentType, string Body, IScenarioResult Result)> SendBytes(
        HttpMethod method, string url, byte[]? bytes, string contentType = "application/json")
    {
        var result = await host.Scenario(s =>
        {
            s.ConfigureHttpContext(http =>
            {
                http.Request.Method = method.Method;
                http.Request.Path = url.Split('?')[0];
                if (url.Contains('?')) http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?" + url.Split('?', 2)[1]);
                if (subject is not null) http.Request.Headers.Authorization = $"Bearer {TestTokens.For(subject, displayName)}";
                if (bytes is not null)
                {
                    http.Request.ContentType = contentType;
                    http.Request.ContentLength = bytes.Length;
                    http.Request.Body = new MemoryStream(bytes);
                }
            });
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", text, result);
    }

    private async Task<JsonNode?> Send(HttpMethod method, string url, object? body, int expect)
    {
        var json = body is null ? null : body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        var (status, contentType, text, _) = await SendRaw(method, url, json);
        Assert.True(status == expect, $"{method} {url} answered {status}, expected {expect}: {text}");
        if (status >= 400) Assert.StartsWith("application/problem+json", contentType);
        return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }
}
