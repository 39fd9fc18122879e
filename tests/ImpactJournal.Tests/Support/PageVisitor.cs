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

    /// <summary>Someone with no account, such as a resident opening an invitation's link.</summary>
    public static PageVisitor Anonymous(IAlbaHost host) => new(host);

    /// <summary>Posts the fields as they are, with no antiforgery token: what a page on another site could send.</summary>
    public async Task<(int Status, string Html)> PostWithoutTokenAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await _client.PostAsync(url, new FormUrlEncodedContent(fields));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, string Html)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the page at <paramref name="url"/> for its antiforgery token, then posts the fields to its handler.</summary>
    public Task<(int Status, string? Location, string Html)> PostFormAsync(string url, string? handler, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(url, handler, token => new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));

    /// <summary>Uploads a text file through the page's file input named <paramref name="field"/>, as a browser would.</summary>
    public Task<(int Status, string? Location, string Html)> PostFileAsync(string url, string? handler, string field, string fileName, string text,
        string contentType = "text/csv") => PostAsync(url, handler, token => new MultipartFormDataContent
    {
        { new StringContent(token), "__RequestVerificationToken" },
        { new StringContent(text, System.Text.Encoding.UTF8, contentType), field, fileName }
    });

    /// <summary>Reads the page at <paramref name="url"/> for its antiforgery token, then posts the content made with it to its handler.</summary>
    private async Task<(int Status, string? Location, string Html)> PostAsync(string url, string? handler, Func<string, HttpContent> contentWith)
    {
        var (_, page) = await GetAsync(url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"{url} has no form with an antiforgery token.");
        var target = handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}";
        using var content = contentWith(WebUtility.HtmlDecode(token.Groups["token"].Value));
        using var response = await _client.PostAsync(target, content);
        return ((int)response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
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
