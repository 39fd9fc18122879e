using System.Text.Json.Nodes;
using ImpactJournal.Tests.Support;

namespace ImpactJournal.Tests.UseCases;

/// <summary>The ripple map's writes, through the API and through the board (its forms posted as without JavaScript).</summary>
public static class MapDoors
{
    private const string Reason = "Not sure it was the meal";

    public static IEnumerable<DoorCase> Cases =>
    [
        new("start a ripple map", DemoPeople.Facilitator,
            _ => Task.FromResult(Guid.CreateVersion7()),
            (doors, id, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps",
                new { id, focus = bad ? "" : "Community meal", description = "Every Thursday in the church hall." }),
            (doors, id, bad) => doors.PostFormAsync($"{doors.PageBase}/maps/new?draft={id}", null, new()
            {
                ["Id"] = id.ToString(), ["Focus"] = bad ? "" : "Community meal", ["Description"] = "Every Thursday in the church hall."
            })),
        new("add a ripple", DemoPeople.Partner,
            doors => doors.Steward.StartMap(doors.AllianceId),
            (doors, map, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps/{map}/ripples", new
            {
                id = Guid.CreateVersion7(), label = bad ? "" : "Volunteers trained", description = "In food hygiene.", capitals = new[] { "social" },
                valence = "generative", intended = (bool?)null, evidence = Array.Empty<object>(), causedBy = new[] { map }
            }),
            (doors, map, bad) => doors.PostFormAsync(Board(doors, map), "Ripple", new()
            {
                ["Ripple.Id"] = Guid.CreateVersion7().ToString(), ["Ripple.Cause"] = map.ToString(), ["Ripple.Label"] = bad ? "" : "Volunteers trained",
                ["Ripple.Description"] = "In food hygiene.", ["Ripple.Capitals"] = "Social", ["Ripple.Valence"] = "Generative", ["Ripple.Intended"] = "unsure"
            })),
        new("link two ripples", DemoPeople.Partner,
            MapWithARippleAsync,
            async (doors, map, bad) =>
            {
                var ripple = await RippleAsync(doors, map);
                return await doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps/{map}/links",
                    new { id = Guid.CreateVersion7(), from = bad ? ripple : map, to = ripple, relation = "enabled", note = "The meal came first." });
            },
            async (doors, map, bad) =>
            {
                var ripple = await RippleAsync(doors, map);
                return await doors.PostFormAsync(Board(doors, map), "Link", new()
                {
                    ["Link.Id"] = Guid.CreateVersion7().ToString(), ["Link.From"] = (bad ? ripple : map).ToString(), ["Link.To"] = ripple.ToString(),
                    ["Link.Relation"] = "Enabled", ["Link.Note"] = "The meal came first."
                });
            }),
        // Bad input here is a stale form: the ripple's coding version before the last re-coding.
        new("re-code a ripple", DemoPeople.Facilitator,
            async doors =>
            {
                var map = await MapWithARippleAsync(doors);
                await doors.Steward.Put($"{doors.ApiBase}/maps/{map}/ripples/{await RippleAsync(doors, map)}/coding", new { capitals = new[] { "natural" } });
                return map;
            },
            async (doors, map, bad) =>
            {
                var (ripple, version) = await CodingAsync(doors, map);
                return await doors.SendAsync(HttpMethod.Put, $"{doors.ApiBase}/maps/{map}/ripples/{ripple}/coding",
                    new { capitals = new[] { "human", "social" }, expectedVersion = bad ? version - 1 : version });
            },
            async (doors, map, bad) =>
            {
                var (ripple, version) = await CodingAsync(doors, map);
                return await doors.PostFormAsync(Board(doors, map), "Recode", new()
                {
                    ["Recode.Ripple"] = ripple.ToString(), ["Recode.Capitals[0]"] = "Human", ["Recode.Capitals[1]"] = "Social",
                    [$"Recode.Versions[{ripple}]"] = (bad ? version - 1 : version).ToString()
                });
            }),
        LinkChange("dispute a link", DemoPeople.Partner, "disputes", "dispute", "reason"),
        LinkChange("substantiate a link", DemoPeople.Partner, "substantiations", "substantiate", "note"),
        LinkChange("withdraw a link", DemoPeople.Facilitator, "withdrawal", "withdraw", "reason"),
        new("schedule a mapping session", DemoPeople.Facilitator,
            doors => doors.Steward.StartMap(doors.AllianceId),
            (doors, map, bad) => doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps/{map}/sessions", new
            {
                id = Guid.CreateVersion7(), title = bad ? "" : "Spring mapping", heldOn = "2026-04-22",
                participants = new { count = 12, roles = new[] { "residents", "volunteers" } }, partners = new[] { doors.PartnerId }
            }),
            (doors, map, bad) => doors.PostFormAsync(Board(doors, map), "Schedule", new()
            {
                ["Session.Id"] = Guid.CreateVersion7().ToString(), ["Session.Title"] = bad ? "" : "Spring mapping", ["Session.HeldOn"] = "2026-04-22",
                ["Session.Count"] = "12", ["Session.Roles"] = "residents, volunteers", ["Session.Partners"] = doors.PartnerId.ToString()
            })),
        new("close a mapping session", DemoPeople.Facilitator,
            async doors =>
            {
                var map = await doors.Steward.StartMap(doors.AllianceId);
                await doors.Steward.ScheduleSession(doors.AllianceId, map);
                return map;
            },
            async (doors, map, bad) => await doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps/{map}/sessions/{await SessionAsync(doors, map)}/close",
                new { reflections = bad ? "" : "What surprised us? How much the bus mattered." }),
            async (doors, map, bad) => await doors.PostFormAsync(Board(doors, map), "Close", new()
            {
                ["Close.Session"] = (await SessionAsync(doors, map)).ToString(), ["Close.Surprised"] = bad ? "" : "How much the bus mattered."
            })),
    ];

    /// <summary>Disputing, substantiating or withdrawing the link from the focus to the map's ripple; bad input is an empty reason.</summary>
    private static DoorCase LinkChange(string name, string subject, string path, string kind, string textField) => new(name, subject,
        MapWithARippleAsync,
        async (doors, map, bad) =>
        {
            var link = await LinkAsync(doors, map);
            return await doors.SendAsync(HttpMethod.Post, $"{doors.ApiBase}/maps/{map}/links/{link}/{path}",
                new Dictionary<string, object> { ["id"] = Guid.CreateVersion7(), [textField] = bad ? "" : Reason, ["evidence"] = Array.Empty<object>() });
        },
        async (doors, map, bad) => await doors.PostFormAsync(Board(doors, map), "Challenge", new()
        {
            ["LinkChange.Id"] = Guid.CreateVersion7().ToString(), ["LinkChange.Link"] = (await LinkAsync(doors, map)).ToString(),
            ["LinkChange.Kind"] = kind, ["LinkChange.Text"] = bad ? "" : Reason
        }));

    private static string Board(Doors doors, Guid map) => $"{doors.PageBase}/maps/{map}/board";

    /// <summary>A map with one ripple, coded social, caused by the focus (so one link too).</summary>
    private static async Task<Guid> MapWithARippleAsync(Doors doors)
    {
        var map = await doors.Steward.StartMap(doors.AllianceId);
        await doors.Steward.AddRipple(doors.AllianceId, map, "Volunteers trained", ["social"], [map]);
        return map;
    }

    private static async Task<JsonNode> MapAsync(Doors doors, Guid map) => (await doors.Steward.Get($"{doors.ApiBase}/maps/{map}"))!;

    private static async Task<Guid> RippleAsync(Doors doors, Guid map) => (await MapAsync(doors, map))["nodes"]![0]!.Id();

    private static async Task<Guid> LinkAsync(Doors doors, Guid map) => (await MapAsync(doors, map))["links"]![0]!.Id();

    private static async Task<Guid> SessionAsync(Doors doors, Guid map) => (await doors.Steward.Get($"{doors.ApiBase}/maps/{map}/sessions"))![0]!.Id();

    private static async Task<(Guid Ripple, long Version)> CodingAsync(Doors doors, Guid map)
    {
        var ripple = await RippleAsync(doors, map);
        var detail = (await doors.Steward.Get($"{doors.ApiBase}/maps/{map}/ripples/{ripple}"))!;
        return (ripple, detail["version"]!.GetValue<long>());
    }
}
