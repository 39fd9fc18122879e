using System.Diagnostics;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// The compose file as docker compose itself reads it (no docker daemon needed): two instances of the service
/// (blue and green) behind one proxy that is the only thing published, spreading requests over the instances
/// whose /health/ready answers 200; the proxy's configuration as Caddy itself reads it.
/// </summary>
public sealed class when_deploying_with_docker_compose
{
    private static readonly string Docker = Path.Combine(RepositoryRoot.Path, "docker");

    [Fact]
    public async Task the_stack_runs_two_instances_of_the_service_behind_one_proxy_that_routes_only_to_ready_ones()
    {
        var config = await ComposeConfigAsync();
        var blue = Section(config, "impactjournal-blue");
        var green = Section(config, "impactjournal-green");
        Assert.Equal(blue.Replace("impactjournal-blue:", "impactjournal-green:"), green);
        Assert.Contains("image: impactjournal:local", blue);
        Assert.DoesNotContain("published:", blue);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED: \"true\"", blue);
        var proxy = Section(config, "proxy");
        Assert.Contains("published: 5080", proxy);
        Assert.Contains("condition: service_healthy", proxy);

        var proxying = JsonNode.Parse(await RunAsync("caddy", "adapt", "--config", Path.Combine(Docker, "Caddyfile"), "--adapter", "caddyfile", "--validate"))!
            ["apps"]!["http"]!["servers"]!.AsObject().Single().Value!["routes"]![0]!["handle"]![0]!;
        Assert.Equal("reverse_proxy", (string?)proxying["handler"]);
        Assert.Equal(["impactjournal-blue:8080", "impactjournal-green:8080"], proxying["upstreams"]!.AsArray().Select(u => (string?)u!["dial"]));
        Assert.Equal("/health/ready", (string?)proxying["health_checks"]!["active"]!["uri"]);
        Assert.Equal(-1, (int?)proxying["flush_interval"]);
    }

    /// <summary>One top-level service's lines from `docker-compose config`.</summary>
    private static string Section(string config, string service)
    {
        var lines = config.Split('\n');
        var start = Array.IndexOf(lines, $"  {service}:");
        Assert.True(start >= 0, $"no service {service} in:\n{config}");
        var end = Array.FindIndex(lines, start + 1, l => l.Length > 2 && l[2] != ' ' && l.StartsWith("  "));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    private static Task<string> ComposeConfigAsync() => RunAsync("docker-compose", "-f", Path.Combine(Docker, "docker-compose.yml"), "config");

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Docker
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}
