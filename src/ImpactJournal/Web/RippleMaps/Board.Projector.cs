using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Microsoft.AspNetCore.Mvc;

namespace ImpactJournal.Web;

/// <summary>A step of the projector's step control: where it goes, in words.</summary>
public sealed record ProjectorStep(string Words, string Href, string Key);

/// <summary>
/// The projector shows the whole map, or one part of it as large as the screen allows: one branch (a first-order ripple
/// and all that hangs from it) or one capital. The part's name is shown large; a small step control (and the keys)
/// steps through the branches round the circle and through the seven capitals.
/// </summary>
public sealed partial class BoardModel
{
    [FromQuery(Name = "branch")] public Guid? Branch { get; set; }

    /// <summary>What the projector shows, in words: "The whole map", "Branch 2 of 5: …" or "Social capital".</summary>
    public string PartName { get; private set; } = "The whole map";

    /// <summary>Said instead of a picture when the part has no ripples.</summary>
    public string? PartEmpty { get; private set; }

    /// <summary>True when the projector shows one branch or capital (the picture is drawn whole on every change).</summary>
    public bool ShowsPart { get; private set; }

    public IReadOnlyList<ProjectorStep> Steps { get; private set; } = [];

    public string ProjectorAddress => $"/alliances/{AllianceId}/maps/{MapId}/projector";

    /// <summary>The query that asks for the part shown, for the projector's live fragment.</summary>
    public string PartQuery { get; private set; } = "";

    private CommunityCapital? ShownCapital => Words.Capitals.Where(c => Vocabulary.Spell(c.Capital) == Capital).Select(c => (CommunityCapital?)c.Capital).FirstOrDefault();

    private bool Projecting => View == "projector" || Request.Path.Value?.EndsWith("/projector", StringComparison.Ordinal) == true;

    /// <summary>The part asked for, drawn from the same placement as the whole map; the steps to the parts beside it.</summary>
    private void ShowPart(RippleMapStates.Held held)
    {
        if (!Projecting || AsOf is not null) return;
        var map = held.PictureView;
        var branches = RippleOutline.Branches(map, held.Layout);
        var at = Branch is { } asked ? branches.ToList().IndexOf(asked) : -1;
        var capitals = Words.Capitals.Select(c => c.Capital).ToList();
        var capital = at < 0 ? ShownCapital : null;
        var labels = map.Nodes.ToDictionary(n => n.Id, n => n.Label);
        if (at >= 0)
        {
            ShowsPart = true;
            PartQuery = $"&branch={branches[at]}";
            PartName = $"Branch {at + 1} of {branches.Count}: {labels[branches[at]]}";
            Picture = RipplePicture.Outline(map, RippleOutline.Branch(map, held.Layout, branches[at]), PartName);
        }
        else if (capital is { } shown)
        {
            ShowsPart = true;
            PartQuery = $"&capital={Vocabulary.Spell(shown)}";
            var name = Words.Capitals.First(c => c.Capital == shown).Name;
            PartName = $"{name} capital";
            var outline = RippleOutline.Capital(map, held.Layout, shown);
            if (outline.IsEmpty) PartEmpty = $"No ripples touch {name.ToLowerInvariant()} capital yet.";
            Picture = outline.IsEmpty ? "" : RipplePicture.Outline(map, outline, PartName);
        }
        var steps = new List<ProjectorStep>();
        if (branches.Count > 0)
        {
            var previous = at < 0 ? branches.Count - 1 : (at + branches.Count - 1) % branches.Count;
            var next = at < 0 ? 0 : (at + 1) % branches.Count;
            steps.Add(new("Previous branch", $"{ProjectorAddress}?branch={branches[previous]}", "previous-branch"));
            steps.Add(new("Next branch", $"{ProjectorAddress}?branch={branches[next]}", "next-branch"));
        }
        var c = capital is { } now ? capitals.IndexOf(now) : -1;
        steps.Add(new("Previous capital", $"{ProjectorAddress}?capital={Vocabulary.Spell(capitals[c < 0 ? capitals.Count - 1 : (c + capitals.Count - 1) % capitals.Count])}", "previous-capital"));
        steps.Add(new("Next capital", $"{ProjectorAddress}?capital={Vocabulary.Spell(capitals[(c + 1) % capitals.Count])}", "next-capital"));
        steps.Add(new("The whole map", ProjectorAddress, "whole-map"));
        Steps = steps;
    }
}
