using System.IO.Compression;
using System.Text;
using ImpactJournal.Tests.Support;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>
/// The read models are projected asynchronously; a withdrawal erases the words from them in its own transaction, so
/// nothing made before the projection catches up holds them.
/// </summary>
public sealed class when_consent_is_withdrawn_while_the_read_models_catch_up(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "lag-steward@example.org";
    private const string Partner = "lag-partner@example.org";
    private const string Facilitator = "lag-facilitator@example.org";

    private async Task<string> QdpxText(string subject, Guid a)
    {
        var (status, _, body, result) = await As(subject).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/exports/qdpx", null);
        Assert.True(status == 200, body);
        result.Context.Response.Body.Position = 0;
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        using var zip = new ZipArchive(new MemoryStream(buffer.ToArray()));
        return string.Join("\n", zip.Entries.Select(e => { using var r = new StreamReader(e.Open(), Encoding.UTF8); return e.FullName + ": " + r.ReadToEnd(); }));
    }

    [Fact]
    public async Task an_export_list_or_theme_example_made_meanwhile_holds_none_of_its_words()
    {
        var (a, _) = await As(Steward).FormAllianceWithEveryRole("lag");
        var withdrawn = await As(Partner).LogObservation(a, ObservationBuilder.Body(text: "Family of four served notice at 14 Mill Lane.",
            themes: ["housing"], scope: "alliance", identifiable: true, observedAt: "2026-11-30T10:00:00Z"));
        await CatchUpProjections();
        Assert.Contains("Mill Lane", await QdpxText(Steward, a));
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAgentAsync("Observation:All");
        string project, list, theme;
        try
        {
            await As(Partner).Post($"/api/alliances/{a}/observations/{withdrawn}/consent-withdrawal", new { }, 200);
            project = await QdpxText(Facilitator, a);
            list = (await As(Facilitator).Get($"/api/alliances/{a}/observations"))!.ToJsonString();
            theme = (await As(Facilitator).SendRaw(HttpMethod.Get, $"/api/alliances/{a}/codebook/themes/housing", null)).Body;
        }
        finally
        {
            await daemon.StartAgentAsync("Observation:All", CancellationToken.None);
        }
        Assert.True(!project.Contains("Mill Lane") && !list.Contains("Mill Lane") && !theme.Contains("Mill Lane"),
            $"export: {project}\n\nlist: {list}\n\ntheme: {theme}");
    }
}
