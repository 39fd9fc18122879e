using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// The service as a separate operating-system process (the build the tests were compiled against),
/// on a port of its own, so a test can kill it with SIGKILL and start it again on the same database.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _schema;
    private Process? _process;

    private readonly IReadOnlyDictionary<string, string> _settings;

    public ServiceProcess(string connectionString, string schema, IReadOnlyDictionary<string, string>? settings = null)
    {
        _connectionString = connectionString;
        _schema = schema;
        _settings = settings ?? new Dictionary<string, string>();
        Port = FreePorts.Next();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Every line the service wrote to stdout, over all its lives.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    private static string Dll
    {
        get
        {
            // The tests run from tests/ImpactJournal.Tests/bin/<Configuration>/net10.0; the service was built beside them.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryRoot.Path, "src", "ImpactJournal", "bin", configuration, "net10.0", "ImpactJournal.dll");
        }
    }

    /// <summary>Applies the schema, as db-apply does before a deployment.</summary>
    public async Task ApplySchemaAsync()
    {
        var (exitCode, output) = await RunCommandAsync("db-apply");
        if (exitCode != 0) throw new InvalidOperationException($"db-apply failed: {output}");
    }

    /// <summary>Runs one of the service's commands on its database, as an operator would: its exit code and all it wrote.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(string command)
    {
        using var process = Process.Start(Start(command))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts the service and waits until it reports ready.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(Start(null))!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The service exited while starting:\n" + string.Join("\n", Output.TakeLast(30)));
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The service did not become ready:\n" + string.Join("\n", Output.TakeLast(30)));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine or container dies.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private ProcessStartInfo Start(string? command)
    {
        // The project folder is the content root, as with `dotnet run`: the web app's wwwroot is there.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "src", "ImpactJournal")
        };
        info.ArgumentList.Add(Dll);
        if (command is not null) info.ArgumentList.Add(command);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        info.Environment["ConnectionStrings__Marten"] = _connectionString;
        info.Environment["Marten__Schema"] = _schema;
        info.Environment["Demo__Seed"] = "false";
        foreach (var (key, value) in TestTokens.ServerSettings.Concat(_settings)) info.Environment[key.Replace(":", "__")] = value;
        return info;
    }
}
