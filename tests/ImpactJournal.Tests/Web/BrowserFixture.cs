using ImpactJournal.Demo;
using ImpactJournal.Web;
using ImpactJournal.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using Xunit;

namespace ImpactJournal.Tests.Web;

/// <summary>
/// The real service as its own process with the demo alliance loaded, on the test run's PostgreSQL in a
/// schema of its own, and Debian's Chromium driven by Playwright (it cannot download browsers here).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly string _schema = $"ij_web_{Guid.NewGuid():N}"[..20];
    private IPlaywright? _playwright;

    public ServiceProcess Service { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public DemoAlliance Demo { get; private set; } = null!;

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? AppFixture.DefaultConnection;

    /// <summary>The service's settings beside the test suite's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Demo:Seed"] = "true" };

    public virtual async Task InitializeAsync()
    {
        // As the service loads it today: dated around today in the UK.
        Demo = (await DemoSeed.ReadSeedFileAsync()).DatedAround(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Words.UkTime).DateTime));
        Service = new ServiceProcess(ConnectionString, _schema, Settings);
        await Service.ApplySchemaAsync();
        await Service.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        });
    }

    /// <summary>A fresh browser (no cookies) at a phone's or a laptop's size.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 390, int height = 844) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Service.Address.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }
        });

    public virtual async Task DisposeAsync()
    {
        // What went wrong inside the service, for whoever reads a failed run.
        foreach (var line in Service.Output.Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"")))
            Console.WriteLine($"web service: {line[..Math.Min(line.Length, 3000)]}");
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Service.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {_schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
