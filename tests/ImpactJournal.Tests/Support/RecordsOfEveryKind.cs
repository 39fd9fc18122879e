namespace ImpactJournal.Tests.Support;

/// <summary>
/// An alliance holding one record of every kind, and a member of each role, so that a test can fill
/// any route's parameters with a real id (by the parameter's name) or deliberately with a wrong one.
/// </summary>
public sealed record RecordsOfEveryKind(Guid AllianceId, IReadOnlyDictionary<string, string> Ids, IReadOnlyDictionary<string, string> Subjects)
{
    public static readonly string[] Roles = ["steward", "partner", "facilitator", "commissioner"];

    public string Subject(string role) => Subjects[role];

    /// <summary>The theme of the codebook that routes naming a theme are filled with.</summary>
    public const string Theme = "volunteering";

    public static async Task<RecordsOfEveryKind> BuildAsync(Func<string, Api> @as, string prefix)
    {
        var steward = @as($"{prefix}-steward@example.org");
        var (a, partnerId) = await steward.FormAllianceWithEveryRole(prefix);
        var partner = @as($"{prefix}-partner@example.org");
        var facilitator = @as($"{prefix}-facilitator@example.org");
        // A member of its own for routes that name a subject (removing a member), so the role members stay.
        await steward.AddMember(a, $"{prefix}-extra@example.org", "facilitator");
        await facilitator.Put($"/api/alliances/{a}/signification-framework",
            new { choices = new[] { new { key = "feeling", prompt = "How do you feel?", options = new[] { "hopeful", "worried" } } } });
        var imperative = (await steward.Post($"/api/alliances/{a}/imperatives", new { text = "We share information before we are asked." })).Id();
        var observation = await partner.LogObservation(a, ObservationBuilder.Body(scope: "commissioners"));
        var story = (await partner.Post($"/api/alliances/{a}/stories", new
        {
            title = "A key of her own", narrative = "She finally has a key.", tellerRole = "resident", toldOn = "2025-03-01",
            consent = new { scope = "commissioners", identifiable = false }
        })).Id();
        var map = await facilitator.StartMap(a);
        var session = (await facilitator.Post($"{MapBuilder.Map(a, map)}/sessions", new { title = "Spring mapping", heldOn = "2025-04-22" })).Id();
        var ripple = await partner.AddRipple(a, map, "Volunteers", ["human"], [map]);
        var link = (await partner.Get(MapBuilder.Map(a, map)))!["links"]![0]!["id"]!.GetValue<string>();
        // A theme of the codebook at once (a ripple's coding is read from the map, where an observation's waits for its projection).
        await facilitator.Put($"{MapBuilder.Map(a, map)}/ripples/{ripple}/coding", new { capitals = new[] { "human" }, themes = new[] { Theme } });
        var indicator = (await partner.Post($"/api/alliances/{a}/indicators", new
        { name = "Someone to call", question = "q", unit = "percent", method = "survey", proposedBy = "residents" })).Id();
        await partner.Post($"/api/alliances/{a}/indicators/{indicator}/readings", new { value = 40, observedOn = "2025-03-01" });
        var review = (await facilitator.Post($"/api/alliances/{a}/learning-reviews", new
        { title = "Spring review", periodStart = "2025-03-01", periodEnd = "2025-05-31", questions = new[] { "What surprised us?" } })).Id();
        var adaptation = (await partner.Post($"/api/alliances/{a}/learning-reviews/{review}/adaptations", new { text = "Cook together" })).Id();
        var checkIn = (await steward.Post($"/api/alliances/{a}/check-ins", new { title = "Spring check-in", periodStart = "2025-03-01", periodEnd = "2025-05-31" })).Id();
        var invitation = (await partner.Post($"/api/alliances/{a}/invitations", new
        { purpose = "Tell us about the Tuesday meal", kind = "story", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(28).ToString("yyyy-MM-dd"), maxUses = 30 })).Id();

        // In the learning commons with the map published: the commons' routes read it, as any member of another alliance may.
        await steward.Put($"/api/alliances/{a}/commons/profile", new { name = $"{prefix} alliance", about = "Who we are.", collaborationModel = "alliance-contract", showPartnerNames = false });
        var published = (await steward.Post($"/api/alliances/{a}/commons/publications", new { kind = "map", id = map }))!["id"]!.GetValue<string>();

        var revoked = await partner.Post($"/api/alliances/{a}/invitations", new
        { purpose = "Revoked already", kind = "story", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(28).ToString("yyyy-MM-dd"), maxUses = 30 });
        await partner.Delete($"/api/alliances/{a}/invitations/{revoked!["id"]}");
        var revokedCheckIn = await partner.Post($"/api/alliances/{a}/invitations", new
        { purpose = "Revoked round", kind = "check-in", checkInId = checkIn, expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(28).ToString("yyyy-MM-dd"), maxUses = 30 });
        await partner.Delete($"/api/alliances/{a}/invitations/{revokedCheckIn!["id"]}");

        var ids = new Dictionary<string, string>
        {
            ["allianceId"] = a.ToString(), ["partnerId"] = partnerId.ToString(), ["imperativeId"] = imperative.ToString(),
            ["observationId"] = observation.ToString(), ["storyId"] = story.ToString(), ["mapId"] = map.ToString(),
            ["sessionId"] = session.ToString(), ["rippleId"] = ripple.ToString(), ["linkId"] = link,
            ["indicatorId"] = indicator.ToString(), ["reviewId"] = review.ToString(), ["adaptationId"] = adaptation.ToString(),
            ["checkInId"] = checkIn.ToString(), ["invitationId"] = invitation.ToString(), ["revokedToken"] = revoked["token"]!.GetValue<string>(), ["revokedCheckInToken"] = revokedCheckIn["token"]!.GetValue<string>(),
            // The fuzzer fills a resident route's token with a revoked check-in invitation's.
            ["token"] = revokedCheckIn["token"]!.GetValue<string>(), ["subject"] = $"{prefix}-extra@example.org", ["theme"] = Theme, ["templateId"] = "alliance-contract",
            ["publicationId"] = published, ["itemId"] = published, ["commonsAllianceId"] = a.ToString()
        };
        var subjects = Roles.ToDictionary(r => r, r => $"{prefix}-{r}@example.org");
        return new RecordsOfEveryKind(a, ids, subjects);
    }

    /// <summary>The route with every {parameter} replaced by this alliance's record of that kind.</summary>
    public string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<name>[A-Za-z]+)(:[a-z]+)?\}",
        m => Ids.TryGetValue(m.Groups["name"].Value, out var id) ? id : Guid.NewGuid().ToString());
}
