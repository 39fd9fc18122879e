using System.Globalization;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.RippleMaps;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>
/// The board's forms: each builds its use case's command, runs it (the same code the API runs), answers a refusal
/// beside the form it came from (everything typed kept) and a success with a redirect back to the board.
/// </summary>
public sealed partial class BoardModel
{
    public async Task<IActionResult> OnPostRippleAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        var command = new AddRipple(Ripple.Id, Ripple.Label, Ripple.Description, [.. Ripple.Capitals.Select(c => (CommunityCapital?)c)],
            Ripple.Valence, Ripple.IntendedValue, Ripple.EvidenceInputs, Ripple.Session,
            Ripple.Cause is { } cause ? [cause] : [], Ripple.WithPartners, FormValues.Themes(Ripple.Themes));
        var outcome = await AddRippleUseCase.RunAsync(command, Acting, MapId, store, states, ct);
        return await AnswerAsync("ripple", outcome, $"cause={Ripple.Cause}&added={Ripple.Id}", ct);
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
        return await AnswerAsync("link", await LinkRipplesUseCase.RunAsync(command, Acting, MapId, store, states, ct), $"cause={Link.To}", ct);
    }

    public async Task<IActionResult> OnPostRecodeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (Recode.Ripple is not { } ripple) return await RefuseAsync("recode", "Choose the ripple to re-code.", ct);
        if (Recode.Shown is { } shown && shown != ripple)
        {
            // Another ripple was chosen after the boxes were drawn (without script they cannot follow the choice): show its coding first.
            if (await LoadAsync(ct) is { } missing) return missing;
            if (State.Nodes.TryGetValue(ripple, out var chosen))
            {
                ModelState.Clear();
                Recode = RecodeFormFor(ripple);
                return await RefuseAsync("recode", $"Nothing was saved: the boxes showed another ripple's capitals. They now show the capitals of “{chosen.Label}”: change them and save.", ct);
            }
        }
        var command = new RecodeRipple([.. Recode.Capitals.Select(c => (CommunityCapital?)c)], null, null,
            Recode.Versions.TryGetValue(ripple, out var version) ? version : null, Recode.ThemesOf == ripple ? FormValues.Themes(Recode.Themes) : null);
        var outcome = await RecodeRippleUseCase.RunAsync(command, Acting, MapId, ripple, store, states, ct);
        if (outcome is Outcome.Conflict { Current: Coding now })
        {
            RecodedSince = now;
            return await RefuseAsync("recode", "Someone re-coded this ripple after you opened the board.", ct, StatusCodes.Status409Conflict);
        }
        return await AnswerAsync("recode", outcome, $"cause={ripple}", ct);
    }

    public async Task<IActionResult> OnPostChallengeAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator) is { } refused) return refused;
        if (LinkChange.Link is not { } link) return await RefuseAsync("challenge", "Choose the link.", ct);
        var text = LinkChange.Text;
        var (command, status) = LinkChange.Kind switch
        {
            "substantiate" => (new LinkChangeRequest(LinkChange.Id, null, text, []), LinkStatus.Substantiated),
            "withdraw" => (new LinkChangeRequest(LinkChange.Id, text, null, []), LinkStatus.Withdrawn),
            _ => (new LinkChangeRequest(LinkChange.Id, text, null, []), LinkStatus.Disputed)
        };
        return await AnswerAsync("challenge", await ChallengeLinkUseCase.RunAsync(command, status, Acting, MapId, link, store, states, ct), "", ct);
    }

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (!DateOnly.TryParseExact(Session.HeldOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var heldOn))
            return await RefuseAsync("schedule", "The day the session is held, as a date.", ct);
        var roles = (Session.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = new ScheduleMappingSession(Session.Id, Session.Title, heldOn,
            Session.Count is null && roles.Length == 0 ? null : new SessionParticipants(Session.Count, roles), Session.Partners);
        var outcome = await ScheduleMappingSessionUseCase.RunAsync(command, Acting, MapId, store, states, ct);
        return await AnswerAsync("schedule", outcome, $"session={Session.Id}", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Steward, AllianceRole.Facilitator) is { } refused) return refused;
        if (Close.Session is not { } sessionId) return await RefuseAsync("close", "There is no open session to close.", ct);
        var outcome = await CloseMappingSessionUseCase.RunAsync(new CloseMappingSession(Close.Reflections), Acting, MapId, sessionId, store, states, ct);
        return await AnswerAsync("close", outcome, "", ct);
    }

    /// <summary>A saved form goes back to the board saying so; a refusal is shown beside the form, in the board's words.</summary>
    private async Task<IActionResult> AnswerAsync(string form, Outcome outcome, string query, CancellationToken ct)
    {
        if (outcome is Outcome.Invalid invalid)
            return await RefuseAsync(form, string.Join(" ", invalid.Errors.Select(e => Plain(e.Key, string.Join(" ", e.Value)))), ct);
        if (outcome.SavedId is null) return await RefuseAsync(form, Explain(outcome), ct, StatusOf(outcome));
        var sessionQuery = SessionId is { } s ? $"session={s}&" : "";
        // The ripple form comes back without a fragment: a fragment would stop the browser putting the cursor in "What happened?".
        // Every other form comes back to its confirmation, drawn where the form was (board.js then puts it back where it was on the screen).
        var fragment = form == "ripple" ? "" : "#done";
        return LocalRedirect($"{Address}?{sessionQuery}{query}{(query.Length > 0 ? "&" : "")}done={form}{fragment}");
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

    /// <summary>The form's words for a field the use case names (a list's index left out).</summary>
    private static string FieldWords(string field) => field.Split('[')[0] switch
    {
        "label" => "What happened",
        "causedBy" or "from" or "to" => "The ripples",
        "evidence" => "Evidence",
        "withPartners" => "Partners involved",
        "partners" => "Partners taking part",
        "sessionId" => "The session",
        "capitals" => "Capitals",
        "reflections" => "Reflections",
        "title" => "Title",
        "participants.count" => "How many took part",
        "participants.roles" => "Roles present",
        _ => char.ToUpperInvariant(field[0]) + field[1..]
    };

    private async Task<IReadOnlyList<EvidenceChoice>> FindEvidenceAsync(string? words, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(words)) return [];
        var text = words.Trim();
        await using var session = store.QuerySession(AllianceId.ToString());
        var observations = await session.Query<Observation>()
            .Where(o => o.WithdrawnAt == null && o.Text != null && o.Text.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(o => o.ObservedAtUtc).Take(40).ToListAsync(ct);
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
