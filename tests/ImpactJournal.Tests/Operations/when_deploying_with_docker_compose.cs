using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// The compose file as docker compose itself reads it (no docker daemon needed): two replicas of the service
/// behind one proxy that is the only thing published, spreading requests over every replica.
/// </summary>
public sealed class when_deploying_with_docker_compose
{
    private static readonly string Docker = Path.Combine(RepositoryRoot.Path, "docker");

    [Fact]
    public async Task the_stack_runs_two_replicas_of_the_service_behind_one_proxy()
    {
        var config = await ComposeConfigAsync();
        var service = Section(config, "impactjournal");
        Assert.Contains("replicas: 2", service);
        Assert.DoesNotContain("published:", service);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED: \"true\"", service);
        var proxy = Section(config, "proxy");
        Assert.Contains("published: 5080", proxy);
        Assert.Contains("condition: service_healthy", proxy);

        var caddy = await File.ReadAllTextAsync(Path.Combine(Docker, "Caddyfile"));
        Assert.Contains("dynamic a impactjournal 8080", caddy);
        Assert.Contains("flush_interval -1", caddy);
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

    private static async Task<string> ComposeConfigAsync()
    {
        var info = new ProcessStartInfo("docker-compose", ["-f", Path.Combine(Docker, "docker-compose.yml"), "config"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Docker
        };
        info.Environment.Remove("IMPACTJOURNAL_REPLICAS");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}
