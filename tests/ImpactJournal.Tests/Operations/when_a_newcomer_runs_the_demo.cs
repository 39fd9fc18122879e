using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ImpactJournal.Tests.Support;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// ./ops/run's console is read by a person: plain one-line log entries (no JSON, no list of assemblies searched for
/// commands, no warning about message handlers the service never has), then the welcome once the service answers.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_a_newcomer_runs_the_demo(AppFixture fixture, ITestOutputHelper output)
{
    private const string Welcome = "The web app:";

    [Fact]
    public async Task the_console_shows_plain_lines_then_the_welcome_once_the_service_answers()
    {
        var schema = $"ij_run_{Guid.NewGuid():N}"[..20];
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var lines = new ConcurrentQueue<string>();
        var welcomed = new TaskCompletionSource<HttpStatusCode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };

        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "ops", "run")) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ConnectionStrings__Marten"] = fixture.ConnectionString;
        info.Environment["Marten__Schema"] = schema;
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        using var run = new Process { StartInfo = info };
        void Read(string? line)
        {
            if (line is null) return;
            lines.Enqueue(line);
            // What a person who reads the welcome and opens the address at once would meet.
            if (line.StartsWith(Welcome)) _ = Task.Run(async () => welcomed.TrySetResult(await ReadinessAsync(client)));
        }
        run.OutputDataReceived += (_, e) => Read(e.Data);
        run.ErrorDataReceived += (_, e) => Read(e.Data);
        try
        {
            run.Start();
            run.BeginOutputReadLine();
            run.BeginErrorReadLine();
            var exited = run.WaitForExitAsync();
            var first = await Task.WhenAny(welcomed.Task, exited, Task.Delay(TimeSpan.FromMinutes(4)));
            Assert.True(first == welcomed.Task, "ops/run printed no welcome:\n" + string.Join("\n", lines));

            var readinessAtWelcome = await welcomed.Task;
            var console = lines.ToList();
            foreach (var line in console) output.WriteLine(line);
            var startUp = console.TakeWhile(l => !l.StartsWith(Welcome)).ToList();

            Assert.Equal(HttpStatusCode.OK, readinessAtWelcome);
            Assert.Contains(startUp, l => l.Contains("Now listening on: " + address.ToString().TrimEnd('/')));
            Assert.DoesNotContain(startUp, l => l.Contains("Searching '"));
            Assert.DoesNotContain(startUp, l => l.Contains("found no handlers"));
            Assert.DoesNotContain(startUp, l => l.TrimStart().StartsWith('{'));
            Assert.Contains(startUp, l => l.Contains("info: ImpactJournal.Demo.DemoSeed"));
            Assert.Single(console, l => l.StartsWith(Welcome));
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<HttpStatusCode?> ReadinessAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/health/ready")).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
