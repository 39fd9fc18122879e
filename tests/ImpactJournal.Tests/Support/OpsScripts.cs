using System.Diagnostics;

namespace ImpactJournal.Tests.Support;

/// <summary>Runs one of the repository's ops/ scripts against a database, as an operator would.</summary>
public static class OpsScripts
{
    /// <summary>Runs ops/<paramref name="script"/> with ConnectionStrings__Marten set; its output, or an exception when it fails.</summary>
    public static async Task<string> RunAsync(string script, string connectionString, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "ops", script), arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true
        };
        info.Environment["ConnectionStrings__Marten"] = connectionString;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0) throw new InvalidOperationException($"ops/{script} failed: {await stderr}{await stdout}");
        return (await stdout).Trim();
    }
}
