using System.Text.Json;
using System.Text.RegularExpressions;
using ImpactJournal.Tests.Support;
using Marten;
using Xunit;

namespace ImpactJournal.Tests.UseCases;

/// <summary>
/// Every write use case has one implementation: the API's endpoint and the web app's page only translate its
/// outcome. So the same input through either door stores the same events, and bad input is refused alike.
/// </summary>
public sealed partial class when_a_use_case_is_run_through_either_door(AppFixture fixture) : IntegrationContext(fixture)
{
    public static IEnumerable<DoorCase> All =>
    [
        .. ObservationDoors.Cases, .. StoryDoors.Cases, .. AllianceDoors.Cases, .. IndicatorDoors.Cases, .. ReviewDoors.Cases,
        .. CheckInDoors.Cases, .. MapDoors.Cases, .. CodebookDoors.Cases, .. InvitationDoors.Cases, .. ResidentCheckInDoors.Cases,
        .. TemplateDoors.Cases, .. CommonsDoors.Cases
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task both_doors_store_the_same_events(string name)
    {
        var (useCase, doors) = await ArrangeAsync(name);
        var (throughApi, throughPage) = (await useCase.Arrange(doors), await useCase.Arrange(doors));

        var apiStatus = await useCase.ThroughApi(doors, throughApi, false);
        var pageStatus = await useCase.ThroughPage(doors, throughPage, false);

        Assert.InRange(apiStatus, 200, 299);
        Assert.Equal(useCase.PageSaved, pageStatus);
        var (apiEvents, pageEvents) = (await EventsAsync(useCase, doors, throughApi), await EventsAsync(useCase, doors, throughPage));
        Assert.NotEmpty(apiEvents);
        Assert.Equal(apiEvents, pageEvents);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task both_doors_refuse_bad_input_alike(string name)
    {
        var (useCase, doors) = await ArrangeAsync(name);
        var (throughApi, throughPage) = (await useCase.Arrange(doors), await useCase.Arrange(doors));
        var (apiBefore, pageBefore) = (await EventsAsync(useCase, doors, throughApi), await EventsAsync(useCase, doors, throughPage));

        var apiStatus = await useCase.ThroughApi(doors, throughApi, true);
        var pageStatus = await useCase.ThroughPage(doors, throughPage, true);

        Assert.InRange(apiStatus, 400, 499);
        Assert.Equal(apiStatus, pageStatus);
        Assert.Equal(apiBefore, await EventsAsync(useCase, doors, throughApi));
        Assert.Equal(pageBefore, await EventsAsync(useCase, doors, throughPage));
    }

    private async Task<(DoorCase, Doors)> ArrangeAsync(string name)
    {
        var useCase = All.Single(c => c.Name == name);
        var steward = As(DemoPeople.Steward);
        var allianceId = await steward.FormAlliance($"Doors {name}");
        var partnerId = await steward.AddPartner(allianceId, "Ashworth Food Hub");
        await steward.AddMember(allianceId, DemoPeople.Partner, "partner", partnerId);
        await steward.AddMember(allianceId, DemoPeople.Facilitator, "facilitator");
        await steward.AddMember(allianceId, DemoPeople.Commissioner, "commissioner");
        var page = await PageVisitor.SignInAsync(Host, useCase.Subject);
        return (useCase, new Doors(allianceId, partnerId, steward, As(useCase.Subject), page, Store));
    }

    /// <summary>
    /// The stream's events as comparable text: type, who recorded it, and its data with every id replaced by the
    /// order in which it first appears, so two records made with different ids compare equal when alike.
    /// </summary>
    private static async Task<IReadOnlyList<string>> EventsAsync(DoorCase useCase, Doors doors, Guid streamId)
    {
        await using var session = doors.Store.QuerySession((useCase.OwnAlliance ? streamId : doors.AllianceId).ToString());
        var events = await session.Events.FetchStreamAsync(useCase.StreamOf?.Invoke(streamId) ?? streamId);
        var ids = new Dictionary<string, int>();
        return [.. events.Select(e => $"{e.EventTypeName} by {e.UserName}: " +
            Uuid().Replace(JsonSerializer.Serialize(e.Data, JsonSerializerOptions.Web), m => $"#{Ordinal(ids, m.Value)}"))];
    }

    private static int Ordinal(Dictionary<string, int> ids, string id) =>
        ids.TryGetValue(id, out var ordinal) ? ordinal : ids[id] = ids.Count + 1;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
