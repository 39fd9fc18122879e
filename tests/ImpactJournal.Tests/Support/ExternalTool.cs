using System.Diagnostics;
using Xunit;

namespace ImpactJournal.Tests.Support;

/// <summary>Runs a real tool (python3 with networkx, Graphviz) on what the service produced; fails the test if the tool fails.</summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
        return await output;
    }
}
