using System.Diagnostics;

namespace ImpactJournal.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own, from the local binaries through ops/lib/postgres.sh (as the
/// postgres user when run as root), so the test may stop and start it under a running service.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("impactjournal-cluster-").FullName;

    public int Port { get; } = FreePorts.Next();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=10";

    private string Data => Path.Combine(_directory, "data");

    public static async Task<PrivateCluster> StartAsync()
    {
        var cluster = new PrivateCluster();
        // The postgres user must be able to reach the data directory inside it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cluster._directory, (UnixFileMode)0b111_101_101);
        await cluster.StartAgainAsync();
        return cluster;
    }

    public Task StartAgainAsync() => Ops($"start_cluster '{Data}' {Port} fsync=off synchronous_commit=off full_page_writes=off");

    /// <summary>A fast shutdown: open connections are cut, as when a database server goes away.</summary>
    public Task StopAsync() => Ops($"stop_cluster '{Data}'");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task Ops(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", $"source '{RepositoryRoot.Path}/ops/lib/postgres.sh' && {command}"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true
        })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed: {await error}");
    }
}

/// <summary>The repository's root, found from the test assembly's folder.</summary>
public static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(directory, "ImpactJournal.sln"))) directory = System.IO.Path.GetDirectoryName(directory)!;
        return directory;
    }
}

/// <summary>A loopback port nothing listens on at the moment of asking.</summary>
public static class FreePorts
{
    public static int Next()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
