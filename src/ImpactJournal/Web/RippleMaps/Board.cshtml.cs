using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
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
public sealed partial class BoardModel(AllianceDirectory directory, IDocumentStore store, RippleMapStates states, TimeProvider clock,
    Npgsql.NpgsqlDataSource dataSource) : AlliancePage(directory)
{
    /// <summary>The codebook's themes, offered by the ripple and re-code forms (drawn with the whole board, not its live updates).</summary>
    public IReadOnlyList<string> CodebookThemes { get; private set; } = [];

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
    /// <summary>Words to find among the ripples (board.js finds them as they are typed; without script, the list marks them).</summary>
    [FromQuery(Name = "find")] public string? Find { get; set; }

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
    /// <summary>The coding someone else gave the ripple after this board was drawn, when a re-coding was refused for it.</summary>
    public Coding? RecodedSince { get; private set; }

    public string? DoneWords => Done switch
    {
        "ripple" => Guid.TryParse(Added, out var id) && State.Nodes.TryGetValue(id, out var added) ? $"Added “{added.Label}”." : "Added.",
        "link" => "Linked. The link is drawn on the map.",
        "recode" => "Re-coded. The ripple's new capitals are on the map.",
        "challenge" => "Noted on the link.",
        "schedule" => Running is { } open ? $"The session “{open.Title}” is open: ripples added now belong to it." : null,
        "close" => "The session is closed. What the group said is kept with it, under “Sessions and what they said”.",
        _ => null
    };

    /// <summary>The start of "what changed": the end of the last closed session, or the map's start when none has closed.</summary>
    public string SinceWords => BoardState.LastSessionEnded(State) is { } ended
        ? $"What changed since the last session (closed {Words.When(ended)})"
        : "What changed since the map was started (no session has closed yet)";

    /// <summary>The ripple chosen on the board (the cause of the next ripple), with its coding and links.</summary>
    public RippleNode? Chosen => CauseId is { } id && State.Nodes.TryGetValue(id, out var node) ? node : null;

    public string NameOfMember(string? subject) => BoardState.MemberName(Alliance, subject);

    public static string CapitalNames(IEnumerable<CommunityCapital> capitals) =>
        capitals.Any() ? string.Join(", ", capitals.Select(c => Words.Capitals.First(x => x.Capital == c).Name)) : "no capitals";

    public bool CanContribute => Member.Role is AllianceRole.Steward or AllianceRole.Partner or AllianceRole.Facilitator;
    public bool CanFacilitate => Member.Role is AllianceRole.Steward or AllianceRole.Facilitator;
    public bool LookingBack => AsOf is not null;
    public string Address => $"/alliances/{AllianceId}/maps/{MapId}/board";
    public string ApiAddress => $"/api/alliances/{AllianceId}/maps/{MapId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        Recode = RecodeFormFor(CauseId);
        await using var session = store.QuerySession(AllianceId.ToString());
        var viewer = new Viewer(Member.Role, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var (codebook, facts) = await ImpactJournal.Codebook.ReadCodebook.ReadAsync(session, dataSource, states, viewer, ct);
        CodebookThemes = [.. ImpactJournal.Codebook.CodebookView.Build(codebook, facts, viewer).Themes.Select(t => t.Name)];
        return Page();
    }

    /// <summary>The re-code form showing one ripple's coding: the one asked for, else the first, as its list shows first.</summary>
    private RecodeForm RecodeFormFor(Guid? ripple)
    {
        var shown = ripple is { } id && State.Nodes.TryGetValue(id, out var asked) ? asked
            : State.Nodes.Values.OrderBy(n => n.AddedAt).ThenBy(n => n.Id).FirstOrDefault();
        return new RecodeForm
        {
            Ripple = shown?.Id, Shown = shown?.Id, Capitals = shown is null ? [] : [.. shown.Coding.Capitals],
            Themes = string.Join(", ", shown?.Coding.Themes ?? []), ThemesOf = shown?.Id
        };
    }

    /// <summary>The picture, its list and the activity, for open boards to swap in when the live stream says the map changed.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        if (await LoadAsync(ct) is { } missing) return missing;
        Response.Headers.CacheControl = "no-store";
        return Partial(View == "projector" ? "_ProjectorLive" : "_BoardLive", this);
    }

    /// <summary>The ripples as the board lists them: this session's marked until it closes (never on a look back), the words looked for found.</summary>
    public RingList RingList => _ringList ??= new(Map, LookingBack ? null : BoardState.Running(State, SessionId)?.Id, Find);
    private RingList? _ringList;

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
        // The map now is drawn where the held placement put it (as the live board and the exported picture draw it).
        Picture = AsOf is null && changed is null ? held.Picture : RipplePicture.Svg(Map, changed, AsOf is null ? held.Layout : null);
        ShowPart(held);
        // A form drawn again after another form was refused still gets an id of its own, so it can be sent.
        if (Ripple.Id == Guid.Empty) Ripple = new RippleForm { Id = Guid.CreateVersion7(), Cause = CauseId ?? MapId, Session = Running?.Id };
        if (Link.Id == Guid.Empty) Link = new LinkForm { Id = Guid.CreateVersion7(), From = CauseId, Session = Running?.Id };
        if (LinkChange.Id == Guid.Empty) LinkChange = new ChallengeForm { Id = Guid.CreateVersion7() };
        if (Session.Id == Guid.Empty) Session = new SessionForm { Id = Guid.CreateVersion7(), HeldOn = FormValues.Today(clock) };
        return null;
    }

}
