using System.Diagnostics;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Operations;

/// <summary>
/// Every script in ops/ answers --help and -h with its usage, and refuses an option it does not know, before
/// it does anything: no backup into a file called "--help", no PostgreSQL started, no test suite run.
/// </summary>
public sealed class when_operators_ask_a_script_for_help
{
    public static TheoryData<string> Scripts()
    {
        var ops = Path.Combine(RepositoryRoot.Path, "ops");
        var scripts = Directory.EnumerateFiles(ops, "*", SearchOption.AllDirectories)
            .Where(f => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(f) & UnixFileMode.UserExecute) != 0)
            .Select(f => Path.GetRelativePath(ops, f))
            .Order();
        return [.. scripts];
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task help_prints_its_usage_and_changes_nothing(string script)
    {
        foreach (var option in new[] { "--help", "-h" })
        {
            var run = await RunAsync(script, option);

            Assert.True(run.ExitCode == 0, $"ops/{script} {option} exited {run.ExitCode}: {run.Error}");
            Assert.StartsWith($"Usage: ./ops/{script}", run.Output);
            Assert.Contains("--help", run.Output);
            Assert.Contains("Environment:", run.Output);
            Assert.Empty(run.Created);
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task an_unknown_option_is_refused_and_changes_nothing(string script)
    {
        var run = await RunAsync(script, "--no-such-option");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"ops/{script}: unknown option --no-such-option", run.Error);
        Assert.Contains($"Usage: ./ops/{script}", run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(run.Created);
    }

    private sealed record Run(int ExitCode, string Output, string Error, IReadOnlyList<string> Created);

    /// <summary>
    /// Runs the script from an empty folder against a database that does not exist; what it created is any
    /// file there, or in the repository's root or ops/, named after the argument (as "--help.partial" was).
    /// </summary>
    private static async Task<Run> RunAsync(string script, string argument)
    {
        var folder = Directory.CreateTempSubdirectory("impactjournal-ops-help-");
        try
        {
            var info = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "ops", script), [argument])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName
            };
            info.Environment["ConnectionStrings__Marten"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing";
            // Were ops/test to ignore --help, it must still not run this suite inside itself.
            info.Environment["FILTER"] = "FullyQualifiedName~no_test_has_this_name";
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                // Usage needs no build, no database and no test run: a script still busy after this is doing its work.
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"ops/{script} {argument} was still running after 20 s: it started its work instead of answering");
            }

            var created = folder.EnumerateFileSystemInfos().Select(f => f.FullName)
                .Concat(NamedAfter(RepositoryRoot.Path, argument))
                .Concat(NamedAfter(Path.Combine(RepositoryRoot.Path, "ops"), argument))
                .ToList();
            return new Run(process.ExitCode, await output, await error, created);
        }
        finally
        {
            // What a script made of its argument goes, so that one failure does not fail the next run too.
            foreach (var entry in NamedAfter(RepositoryRoot.Path, argument).Concat(NamedAfter(Path.Combine(RepositoryRoot.Path, "ops"), argument)))
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> NamedAfter(string folder, string argument) =>
        Directory.EnumerateFileSystemEntries(folder, argument + "*");
}
