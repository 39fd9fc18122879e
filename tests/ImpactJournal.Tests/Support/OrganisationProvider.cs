using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// An organisation's identity provider: panva's certified <c>oidc-provider</c> under node (tests/oidc-provider,
/// installed by ops/test), on a loopback port of its own. Its login page accepts any login and password, and the
/// login typed is the person's subject. It knows two clients: the web app and a script that calls the API.
/// </summary>
public sealed class OrganisationProvider : IAsyncDisposable
{
    public const string WebClient = "impactjournal-web";
    public const string ScriptClient = "impactjournal-script";
    public const string ApiAudience = "api://impactjournal";
    private Process? _process;

    public string Secret { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public int Port { get; } = FreePorts.Next();

    public string Issuer => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>What the service needs to sign people in here and to take this provider's tokens at the API.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["Web:Oidc:Authority"] = Issuer,
        ["Web:Oidc:ClientId"] = WebClient,
        ["Web:Oidc:ClientSecret"] = Secret,
        ["Web:Oidc:RequireHttpsMetadata"] = "false",
        ["Authentication:Schemes:Bearer:Authority"] = Issuer,
        ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
        // Replaces the test suite's own issuer: its tokens are not trusted by this service.
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = ApiAudience,
    };

    /// <summary>Starts the provider for the app at <paramref name="app"/> and waits until it listens.</summary>
    public async Task StartAsync(Uri app)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "tests", "oidc-provider")
        };
        foreach (var argument in new[] { "provider.js", Port.ToString(), app.GetLeftPart(UriPartial.Authority), ApiAudience, Secret })
            start.ArgumentList.Add(argument);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Output.Enqueue(e.Data);
            if (e.Data.StartsWith("listening ")) listening.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException("The OpenID provider exited while starting (did ops/test run npm ci in tests/oidc-provider?):\n" + string.Join("\n", Output)));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>An access token for the API, as a script registered with the provider gets one (client credentials).</summary>
    public async Task<string> ScriptTokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Issuer}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ScriptClient, ["client_secret"] = Secret
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"The provider refused a token: {body}");
        return body!["access_token"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
