using System.Diagnostics;
using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ImpactJournal.Tests.Api;

/// <summary>
/// Integrators generate clients from the OpenAPI document, so it must pass a standard linter: the Redocly CLI
/// pinned in the repository's package.json (ops/test installs it with <c>npm ci</c>), with its recommended rules.
/// </summary>
public sealed class when_linting_the_openapi_document(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task redoclys_recommended_rules_find_no_error_and_no_warning()
    {
        // Fetched as an integrator would from a deployment: the document names the server it was fetched from.
        var served = await Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.ConfigureHttpContext(http =>
            {
                http.Request.Scheme = "https";
                http.Request.Host = new HostString("journal.ashworth.example");
            });
        });
        var document = Path.Combine(Path.GetTempPath(), $"impactjournal-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await served.ReadAsTextAsync());
        try
        {
            var report = JsonNode.Parse(await Redocly("lint", "--extends", "recommended", "--format", "json", document))!;
            var problems = report["problems"]!.AsArray()
                .Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}");
            var totals = report["totals"]!;
            Assert.True(totals["errors"]!.GetValue<int>() == 0 && totals["warnings"]!.GetValue<int>() == 0,
                $"Redocly found problems in /openapi/v1.json:\n{string.Join('\n', problems)}");
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>Runs the repository's Redocly CLI; its standard output (lint exits 1 when it finds errors, which the report also says).</summary>
    private static async Task<string> Redocly(params string[] arguments)
    {
        var cli = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(cli), $"{cli} is missing: run `npm ci` in the repository's root (ops/test does).");
        var start = new ProcessStartInfo(cli) { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No telemetry, no look for a newer version: the test talks to nothing outside this machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode is 0 or 1, $"redocly {arguments[0]} failed: {await errors}");
        return await output;
    }
}
