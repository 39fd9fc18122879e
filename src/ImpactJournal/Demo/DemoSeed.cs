using System.Text.Json;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.CheckIns;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using ImpactJournal.Web;
using JasperFx.Events;
using Marten;

namespace ImpactJournal.Demo;

/// <summary>
/// Loads the fictional Ashworth alliance at startup when <c>Demo:Seed</c> is true, dated around the day it is
/// loaded (<see cref="DemoCalendar"/>). Ids in the seed file are fixed, so a second start finds the alliance and
/// appends nothing: it keeps the dates of its first load. <c>Demo:ResetFirst</c> (./ops/run --fresh) empties the
/// journal first, so the demo is loaded, and dated, afresh.
/// </summary>
public sealed class DemoSeed(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<DemoSeed> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetValue<bool>("Demo:ResetFirst"))
        {
            logger.LogWarning("Demo:ResetFirst is set: erasing every alliance before loading the demo");
            await store.Advanced.ResetAllData(ct);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Words.UkTime).DateTime);
        var demo = (await ReadSeedFileAsync(ct)).DatedAround(today);
        var allianceId = demo.Alliance.Id;

        await using var session = store.LightweightSession(allianceId.ToString());
        var state = await session.Events.FetchStreamStateAsync(allianceId, ct);
        if (state is not null)
        {
            logger.LogInformation("Demo alliance {AllianceId} is already loaded", allianceId);
            return;
        }

        var steward = demo.Members.First(m => m.Role == AllianceRole.Steward);
        session.LastModifiedBy = steward.Subject;
        session.Events.StartStream<Alliance>(allianceId, [.. AllianceEvents(demo, steward)]);
        foreach (var observation in demo.Observations)
            Stamp(session.Events.StartStream<Observation>(observation.Id, observation.ToEvent()), demo.SubjectFor(observation.PartnerId));
        foreach (var story in demo.Stories)
            Stamp(session.Events.StartStream<Story>(story.Id, [.. story.ToEvents(demo.SignificationFramework is null ? null : 1)]),
                demo.SubjectFor(story.PartnerId));
        foreach (var map in demo.Maps ?? []) session.Events.StartStream<RippleMap>(map.Id, [.. map.ToEvents()]);
        foreach (var indicator in demo.Indicators ?? []) session.Events.StartStream<Indicator>(indicator.Id, [.. indicator.ToEvents()]);
        foreach (var review in demo.LearningReviews ?? []) session.Events.StartStream<LearningReview>(review.Id, [.. review.ToEvents()]);
        foreach (var round in demo.CheckIns ?? []) round.Start(session, demo);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Loaded demo alliance {AllianceId}, dated around {Today}", allianceId, today);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static IEnumerable<object> AllianceEvents(DemoAlliance demo, DemoMember steward)
    {
        var a = demo.Alliance;
        yield return new AllianceFormed(a.Id, a.Name, a.AgreementType, a.SharedPurpose, steward.Subject, steward.DisplayName);
        foreach (var partner in demo.Partners) yield return new PartnerAdded(partner.Id, partner.Name, partner.Kind);
        foreach (var imperative in a.Imperatives) yield return new ImperativeAdded(imperative.Id, imperative.Text);
        foreach (var member in demo.Members.Where(m => m != steward))
            yield return new MemberAdded(member.Subject, member.DisplayName, member.Role, member.PartnerId);
        if (demo.SignificationFramework is { } framework) yield return new SignificationFrameworkRevised(framework with { Version = 1 });
    }

    private static void Stamp(StreamAction stream, string subject)
    {
        foreach (var e in stream.Events) e.UserName = subject;
    }

    public static async Task<DemoAlliance> ReadSeedFileAsync(CancellationToken ct = default)
    {
        await using var file = typeof(DemoSeed).Assembly.GetManifestResourceStream("ImpactJournal.Demo.ashworth-alliance.json")
            ?? throw new InvalidOperationException("The demo seed file is not embedded in the assembly.");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { Vocabulary.EnumConverter() } };
        return (await JsonSerializer.DeserializeAsync<DemoAlliance>(file, options, ct))!;
    }
}

public sealed record DemoAlliance(
    DemoAllianceHeader Alliance,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<DemoMember> Members,
    SignificationFramework? SignificationFramework,
    IReadOnlyList<DemoObservation> Observations,
    IReadOnlyList<DemoStory> Stories,
    IReadOnlyList<DemoMap>? Maps,
    IReadOnlyList<DemoIndicator>? Indicators,
    IReadOnlyList<DemoReview>? LearningReviews,
    IReadOnlyList<DemoCheckIn>? CheckIns = null)
{
    /// <summary>The day the file's dates are written for.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The alliance with every date moved from <see cref="AsOf"/> to around <paramref name="today"/>.</summary>
    public DemoAlliance DatedAround(DateOnly today)
    {
        var calendar = DemoCalendar.Between(AsOf, today);
        return this with
        {
            AsOf = calendar.Day(AsOf),
            Observations = [.. Observations.Select(o => o with { ObservedAt = calendar.Moment(o.ObservedAt) })],
            Stories = [.. Stories.Select(s => s with { ToldOn = calendar.Day(s.ToldOn) })],
            Maps = Maps?.Select(m => m with { Sessions = [.. m.Sessions.Select(s => s with { HeldOn = calendar.Day(s.HeldOn) })] }).ToList(),
            Indicators = Indicators?.Select(i => i with { Readings = [.. i.Readings.Select(r => r with { ObservedOn = calendar.PeriodDay(r.ObservedOn) })] }).ToList(),
            LearningReviews = LearningReviews?.Select(r => r.DatedBy(calendar)).ToList(),
            CheckIns = CheckIns?.Select(r => r.DatedBy(calendar)).ToList(),
        };
    }

    /// <summary>Who recorded a partner's entries: its member, or the steward when it has none.</summary>
    public string SubjectFor(Guid partnerId) =>
        (Members.FirstOrDefault(m => m.PartnerId == partnerId && m.Role == AllianceRole.Partner)
         ?? Members.First(m => m.Role == AllianceRole.Steward)).Subject;
}

public sealed record DemoObservation(Guid Id, DateTimeOffset ObservedAt, string Text, IReadOnlyList<string> Themes,
    IReadOnlyList<CommunityCapital> Capitals, Valence Valence, Consent Consent, Guid PartnerId, IReadOnlyList<Guid>? WithPartners = null)
{
    public ObservationLogged ToEvent() =>
        new(Id, Text, ObservedAt, null, Journal.Themes.Normalise(Themes), Capitals, Valence, PartnerId, Consent, WithPartners);
}

public sealed record DemoResponse(string By, IReadOnlyList<ImperativeAnswer> Answers);

public sealed record DemoCheckIn(Guid Id, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, bool Closed, IReadOnlyList<DemoResponse> Responses)
{
    public DemoCheckIn DatedBy(DemoCalendar calendar)
    {
        var (start, end) = (calendar.PeriodDay(PeriodStart), calendar.PeriodDay(PeriodEnd));
        return this with { PeriodStart = start, PeriodEnd = end, Title = DemoCalendar.Title(Title, start, end) };
    }

    /// <summary>The round's stream: opened by the steward, each member's answers stamped with who gave them, closed if it was.</summary>
    public void Start(IDocumentSession session, DemoAlliance demo)
    {
        var steward = demo.Members.First(m => m.Role == AllianceRole.Steward).Subject;
        var events = new List<(object Event, string By)> { (new CheckInRoundOpened(Id, Title, PeriodStart, PeriodEnd), steward) };
        events.AddRange(Responses.Select(r => ((object)new CheckInAnswered(Id, demo.Members.First(m => m.Subject == r.By).Role, r.Answers), r.By)));
        if (Closed) events.Add((new CheckInRoundClosed(Id), steward));
        var stream = session.Events.StartStream<CheckInRound>(Id, [.. events.Select(e => e.Event)]);
        for (var i = 0; i < events.Count; i++) stream.Events[i].UserName = events[i].By;
    }
}

public sealed record DemoSelection(Guid Id, string Panel, string Reason);

public sealed record DemoStory(Guid Id, string Title, string TellerRole, DateOnly ToldOn, string? DomainOfChange, string Narrative,
    Consent Consent, Signifiers? Signifiers, DemoSelection? Selection, Guid PartnerId, IReadOnlyList<string>? Themes = null)
{
    public IEnumerable<object> ToEvents(int? frameworkVersion)
    {
        yield return new StoryTold(Id, Title, Narrative, TellerRole, ToldOn, DomainOfChange, Consent,
            Signifiers ?? ImpactJournal.Stories.Signifiers.None, Signifiers is null ? null : frameworkVersion, PartnerId, Themes);
        if (Selection is not null)
            yield return new StorySelected(Selection.Id, Selection.Panel, Selection.Reason);
    }
}

public sealed record DemoAllianceHeader(Guid Id, string Name, AgreementType AgreementType, string SharedPurpose, IReadOnlyList<Imperative> Imperatives);

public sealed record DemoMember(string Subject, string DisplayName, AllianceRole Role, Guid? PartnerId);

public static class DemoSeedConfiguration
{
    public static void AddDemoSeed(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Demo:Seed")) builder.Services.AddHostedService<DemoSeed>();
    }
}
