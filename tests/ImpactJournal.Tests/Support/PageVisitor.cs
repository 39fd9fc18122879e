using System.Net;
using System.Text.RegularExpressions;
using Alba;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// A person using the web app's pages without a browser: signed in through the Development picker, with a cookie
/// jar, posting forms with the antiforgery token each form carries. For checking a page's answer beside the API's.
/// </summary>
public sealed partial class PageVisitor : IDisposable
{
    private readonly HttpClient _client;

    private PageVisitor(IAlbaHost host)
    {
        _client = new HttpClient(new CookieJar(host.Server.CreateHandler())) { BaseAddress = new Uri("http://localhost/") };
    }

    public static async Task<PageVisitor> SignInAsync(IAlbaHost host, string subject)
    {
        var visitor = new PageVisitor(host);
        var answer = await visitor.PostFormAsync("/signin", null, new Dictionary<string, string> { ["subject"] = subject });
        if (answer.Status != 302) throw new InvalidOperationException($"Signing in as {subject} answered {answer.Status}.");
        return visitor;
    }

    public async Task<(int Status, string Html)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the page at <paramref name="url"/> for its antiforgery token, then posts the fields to its handler.</summary>
    public async Task<(int Status, string? Location, string Html)> PostFormAsync(string url, string? handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(url);
        var target = handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}";
        using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        using var response = await _client.PostAsync(target, content);
        return ((int)response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the page at <paramref name="url"/> for its antiforgery token, then uploads a file as its form's <paramref name="field"/>.</summary>
    public async Task<(int Status, string Html)> PostFileAsync(string url, string field, string fileName, string contentType, string text)
    {
        var token = await AntiforgeryTokenAsync(url);
        using var file = new StringContent(text);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var content = new MultipartFormDataContent { { file, field, fileName }, { new StringContent(token), "__RequestVerificationToken" } };
        using var response = await _client.PostAsync(url, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> AntiforgeryTokenAsync(string url)
    {
        var (_, page) = await GetAsync(url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"{url} has no form with an antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|value="(?<token>[^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex AntiforgeryToken();

    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) _cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
