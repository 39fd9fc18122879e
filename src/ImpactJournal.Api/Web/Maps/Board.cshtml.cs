using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>Something a facilitator may cite as evidence for a ripple, found by its words.</summary>
public sealed record EvidenceChoice(string Value, string Kind, string Words);

/// <summary>
/// The ripple-mapping board: the map's picture fills the screen and a narrow panel beside it adds a
/// ripple in one step, links, re-codes and challenges, runs the session and steps through the map's
/// history. Every change goes through the API's own decisions (the same map lock, so twenty people
/// adding at once all succeed); open boards follow the map's live stream (board.js).
/// </summary>
public sealed class BoardModel(AllianceDirectory directory, IDocumentStore store, RippleMapStates states, TimeProvider clock) : AlliancePage(directory)
{
    [FromRoute] public Guid MapId { get; set; }
    [FromQuery(Name = "cause")] public Guid? CauseId { get; set; }
    [FromQuery(Name = "session")] public Guid? SessionId { get; set; }
    [FromQuery(Name = "asOf")] public string? AsOfText { get; set; }
    [FromQuery(Name = "step")] public int? Step { get; set; }
    [FromQuery(Name = "since")] public string? Since { get; set; }
    [FromQuery(Name = "added")] public string? Added { get; set; }
    /// <summary>Which form was just saved: the page says so in its own words (never words from the address).</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }
    [FromQuery(Name = "capital")] public string? Capital { get; set; }
    [FromQuery(Name = "view")] public string? View { get; set; }

    [BindProperty] public RippleForm Ripple { get; set; } = new();
    [BindProperty] public LinkForm Link { get; set; } = new();
    [BindProperty] public RecodeForm Recode { get; set; } = new();
    [BindProperty] public ChallengeForm LinkChange { get; set; } = new();
    [BindProperty] public SessionForm Session { get; set; } = new();
    [BindProperty] public CloseForm Close { get; set; } = new();

    public RippleMap State { get; private set; } = null!;
    public RippleMapView Map { get; private set; } = null!;
    public string Picture { get; private set; } = "";
    public DateTimeOffset? AsOf { get; private set; }
    public MapDiff? Changes { get; private set; }
    public MappingSession? Running { get; private set; }
    public IReadOnlyList<BoardMoment> Moments { get; private set; } = [];
    public IReadOnlyList<BoardActivity> Activity { get; private set; } = [];
    public IReadOnlyList<EvidenceChoice> Found { get; private set; } = [];
    /// <summary>Which form a refusal belongs to, so its panel opens with the message in it.</summary>
    public string? RefusedForm { get; private set; }
    public string? Refusal { get; private set; }

    public string? DoneWords => Done switch
    {
        "ripple" => Guid.TryParse(Added, out var id) && State.Nodes.TryGetValue(id, out var added) ? $"Added “{added.Label}”." : "Added.",
        "link" => "Linked.",
        "recode" => "Re-coded.",
        "challenge" => "Noted on the link.",
        "schedule" => Running is { } open ? $"The session “{open.Title}” is open: ripples added now belong to it." : null,
        "close" => "The session is closed.",
        _ => null
    };

    /// <summary>The start of "what changed": the end of the last closed session, or the map's start when none has closed.</summary>
    public string SinceWords => BoardState.LastSessionEnded(State) is { } ended
        ? $"What changed since the last session (closed {Words.When(ended)})"
        : "What changed since the map was started (no session has closed yet)";

    /// <summary>The ripple chosen on the board (the cause of the next ripple), with its coding and links.</summary>
    public RippleNode? Chosen => CauseId is { } id && State.Nodes.TryGetValue(id, out var node) ? node : null;

    public string NameOfMember(string? subject) => BoardState.MemberName(Alliance, subject);

    public bool CanContribute => Member.Role is AllianceRole.Steward or AllianceRole.Partner or AllianceRole.Facilitator;
    public bool CanFacilitate => Member.Role is AllianceRole.Steward or AllianceRole.Facilitator;
    public bool LookingBack => AsOf is not null;
    public string Address => $"/alliances/{AllianceId}/maps/{MapId}/board";
    public string ApiAddress => $"/api/alliances/{AllianceId}/maps/{MapId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        Recode = new RecodeForm { Ripple = CauseId, Capitals = CauseId is { } r && State.Nodes.TryGetValue(r, out var n) ? [.. n.Coding.Capitals] : [] };
        return Page();
    }

    /// <summary>The picture, its list and the activity, for open boards to swap in when the live stream says the map changed.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        Response.Headers.CacheControl = "no-store";
        return Partial(View == "projector" ? "_ProjectorLive" : "_BoardLive", this);
    }

    /// <summary>
    /// What changed since the version a board shows (the ripples and links changed, the activity), for
    /// board.js to patch into the picture: a small answer however large the map. 204 when nothing changed.
    /// </summary>
    public async Task<IActionResult> OnGetChangesAsync(long after, CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await states.RecentAsync(session, MapId, ct) is not { } held)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no ripple map here.");
        Response.Headers.CacheControl = "no-store";
        if (after >= held.Map.Version) return new NoContentResult();
        State = held.Map;
        Map = held.PictureView;
        Activity = BoardState.Activity(State, Alliance, 30);
        PatchedRipples = State.Nodes.Values.Where(n => n.ChangedVersion > after).Select(n => n.Id).ToHashSet();
        var links = State.Links.Values.Where(l => l.ChangedVersion > after).Select(l => l.Id).ToHashSet();
        Picture = RipplePicture.Patch(Map, held.Layout, PatchedRipples, links);
        return Partial("_BoardPatch", this);
    }

    public IReadOnlySet<Guid> PatchedRipples { get; private set; } = new HashSet<Guid>();

    public async Task<IActionResult> OnPostRippleAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        var command = new AddRipple(Ripple.Id, Ripple.Label, Ripple.Description, [.. Ripple.Capitals.Select(c => (CommunityCapital?)c)],
            Ripple.Valence, Ripple.IntendedValue, Ripple.EvidenceInputs, Ripple.Session,
            Ripple.Cause is { } cause ? [cause] : []);
        return await WriteAsync("ripple", AddRippleEndpoint.Validate(command),
            session => AddRippleEndpoint.Post(command, AllianceId, MapId, session, states, ct),
            "ripple", $"cause={Ripple.Cause}&added={Ripple.Id}", ct);
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        ModelState.Clear();
        Found = await FindEvidenceAsync(Ripple.Search, ct);
        RefusedForm = "ripple";
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        var command = new LinkRipples(Link.Id, Link.From, Link.To, Link.Relation, string.IsNullOrWhiteSpace(Link.Note) ? null : Link.Note, [],
            Link.Session);
        return await WriteAsync("link", LinkRipplesEndpoint.Validate(command),
            session => LinkRipplesEndpoint.Post(command, AllianceId, MapId, session, states, ct), "link", $"cause={Link.To}", ct);
    }

    public async Task<IActionResult> OnPostRecodeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        var command = new RecodeRipple([.. Recode.Capitals.Select(c => (CommunityCapital?)c)], null, null);
        if (Recode.Ripple is not { } ripple) return await RefuseAsync("recode", "Choose the ripple to re-code.", ct);
        return await WriteAsync("recode", RecodeRippleEndpoint.Validate(command),
            session => RecodeRippleEndpoint.Put(command, MapId, ripple, session, states, ct), "recode", $"cause={ripple}", ct);
    }

    public async Task<IActionResult> OnPostChallengeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        if (LinkChange.Link is not { } link) return await RefuseAsync("challenge", "Choose the link.", ct);
        var text = LinkChange.Text;
        var command = LinkChange.Kind == "substantiate" ? new LinkChangeRequest(LinkChange.Id, null, text, []) : new LinkChangeRequest(LinkChange.Id, text, null, []);
        Func<Marten.IDocumentSession, Task<IResult>> write = LinkChange.Kind switch
        {
            "substantiate" => session => SubstantiateLinkEndpoint.Post(command, MapId, link, session, states, ct),
            "withdraw" => session => WithdrawLinkEndpoint.Post(command, MapId, link, HttpContext, session, states, ct),
            _ => session => DisputeLinkEndpoint.Post(command, MapId, link, session, states, ct)
        };
        return await WriteAsync("challenge", LinkChanges.Validate(command), write, "challenge", "", ct);
    }

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (!DateOnly.TryParseExact(Session.HeldOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var heldOn))
            return await RefuseAsync("schedule", "The day the session is held, as a date.", ct);
        var roles = (Session.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = new ScheduleMappingSession(Session.Id, Session.Title, heldOn,
            Session.Count is null && roles.Length == 0 ? null : new SessionParticipants(Session.Count, roles), Session.Partners);
        return await WriteAsync("schedule", ScheduleMappingSessionEndpoint.Validate(command),
            session => ScheduleMappingSessionEndpoint.Post(command, AllianceId, MapId, session, states, Directory, ct),
            "schedule", $"session={Session.Id}", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (Close.Session is not { } sessionId) return await RefuseAsync("close", "There is no open session to close.", ct);
        if (Close.Reflections.Length == 0) return await RefuseAsync("close", "Write what surprised the group, what comes next, or both.", ct);
        var command = new CloseMappingSession(Close.Reflections);
        return await WriteAsync("close", CloseMappingSessionEndpoint.Validate(command),
            session => CloseMappingSessionEndpoint.Post(command, MapId, sessionId, session, states, ct), "close", "", ct);
    }


    private async Task<IActionResult> WriteAsync(string form, Microsoft.AspNetCore.Mvc.ProblemDetails problem, Func<Marten.IDocumentSession, Task<IResult>> write,
        string done, string query, CancellationToken ct)
    {
        if (problem is HttpValidationProblemDetails invalid && invalid.Errors.Count > 0)
            return await RefuseAsync(form, string.Join(" ", invalid.Errors.Select(e => Plain(e.Key, string.Join(" ", e.Value)))), ct);
        IResult answer;
        await using (var session = WriteSession(store)) answer = await write(session);
        if (answer is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)
            return await RefuseAsync(form, Explain(answer), ct, StatusOf(answer));
        var sessionQuery = SessionId is { } s ? $"session={s}&" : "";
        // The ripple form comes back without a fragment: a fragment would stop the browser putting the cursor in "What happened?".
        var fragment = form == "ripple" ? "" : $"#{form}";
        return LocalRedirect($"{Address}?{sessionQuery}{query}{(query.Length > 0 ? "&" : "")}done={done}{fragment}");
    }

    private async Task<IActionResult> RefuseAsync(string form, string message, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        if (await LoadAsync(ct) is { } missing) return missing;
        RefusedForm = form;
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }

    private static string Plain(string field, string message) => (field, message.StartsWith("Required", StringComparison.Ordinal)) switch
    {
        ("label", true) => "Write what happened.",
        ("reflections", true) => "Write what surprised the group, what comes next, or both.",
        ("title", true) => "Give the session a title.",
        ("reason" or "note", true) => "Say why.",
        _ => $"{FieldWords(field)}: {message}"
    };

    private static string FieldWords(string field) => field switch
    {
        "label" => "What happened",
        "causedBy" or "from" or "to" => "The ripples",
        "capitals" => "Capitals",
        "reflections" => "Reflections",
        "title" => "Title",
        "participants.count" => "How many took part",
        "participants.roles" => "Roles present",
        _ => char.ToUpperInvariant(field[0]) + field[1..]
    };

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AllianceId.ToString());
        if (await states.CurrentAsync(session, MapId, ct) is not { } held)
            return Refused(StatusCodes.Status404NotFound, "Not found", "There is no ripple map here.");
        State = held.Map;
        Running = BoardState.Running(State, SessionId);
        Moments = BoardState.Moments(State);
        Activity = BoardState.Activity(State, Alliance, 30);
        AsOf = Step is { } step && step >= 0 && step < Moments.Count - 1 ? Moments[step].At
            : DateTimeOffset.TryParse(AsOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at < State.LastChangedAt ? at : null;

        var view = AsOf is { } moment ? await MapAt.ViewAsync(session, states, MapId, moment, ct) : held.PictureView;
        Map = view ?? RippleMapView.Of(State with { Nodes = [], Links = [] }, AsOf);
        IReadOnlySet<Guid>? changed = null;
        if (Since == "last-session" && AsOf is null)
        {
            var from = BoardState.LastSessionEnded(State) ?? State.StartedAt;
            var before = await states.AsOfAsync(session, held, from, ct);
            Changes = MapDiff.Between(before, State, from, State.LastChangedAt);
            changed = BoardState.ChangedIds(Changes);
        }
        Picture = AsOf is null && changed is null ? held.Picture : RipplePicture.Svg(Map, changed);
        // A form drawn again after another form was refused still gets an id of its own, so it can be sent.
        if (Ripple.Id == Guid.Empty) Ripple = new RippleForm { Id = Guid.CreateVersion7(), Cause = CauseId ?? MapId, Session = Running?.Id };
        if (Link.Id == Guid.Empty) Link = new LinkForm { Id = Guid.CreateVersion7(), From = CauseId, Session = Running?.Id };
        if (LinkChange.Id == Guid.Empty) LinkChange = new ChallengeForm { Id = Guid.CreateVersion7() };
        if (Session.Id == Guid.Empty) Session = new SessionForm { Id = Guid.CreateVersion7(), HeldOn = FormValues.Today(clock) };
        return null;
    }

    private async Task<IReadOnlyList<EvidenceChoice>> FindEvidenceAsync(string? words, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(words)) return [];
        var text = words.Trim();
        await using var session = store.QuerySession(AllianceId.ToString());
        var observations = await session.Query<Observation>()
            .Where(o => o.WithdrawnAt == null && o.Text != null && o.Text.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(o => o.ObservedAt).Take(40).ToListAsync(ct);
        var stories = await session.Query<Story>()
            .Where(s => s.WithdrawnAt == null && ((s.Title != null && s.Title.Contains(text, StringComparison.OrdinalIgnoreCase))
                || (s.Narrative != null && s.Narrative.Contains(text, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(s => s.ToldOn).Take(40).ToListAsync(ct);
        return
        [
            .. observations.Where(o => !o.Retracted && MayRead(o, clock)).Take(8)
                .Select(o => new EvidenceChoice($"observation:{o.Id}", "Observation", $"{Words.When(o.ObservedAt)}: {Shorten(o.Text!)}")),
            .. stories.Where(s => MayRead(s, clock)).Take(8)
                .Select(s => new EvidenceChoice($"story:{s.Id}", "Story", $"{s.Title}: {Shorten(s.Narrative ?? "")}"))
        ];
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..139].TrimEnd() + "…";
}
