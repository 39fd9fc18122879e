using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Web;

/// <summary>"What happened because of this?" — one ripple and the ripple (or focus) it came from.</summary>
public sealed class RippleForm
{
    public Guid Id { get; set; }
    public Guid? Cause { get; set; }
    /// <summary>The session the board was running when the form was drawn; a session closed since refuses the ripple.</summary>
    public Guid? Session { get; set; }
    public string? Label { get; set; }
    public string? Description { get; set; }
    public List<CommunityCapital> Capitals { get; set; } = [];
    public Valence Valence { get; set; } = Valence.Generative;
    /// <summary>"yes", "no" or "unsure".</summary>
    public string Intended { get; set; } = "unsure";
    public List<string> Evidence { get; set; } = [];
    /// <summary>The other partners the ripple involves (the adding member's own organisation counts already).</summary>
    public List<Guid> WithPartners { get; set; } = [];
    /// <summary>Themes as typed, separated by commas.</summary>
    public string? Themes { get; set; }
    public string? Search { get; set; }

    public bool? IntendedValue => Intended switch { "yes" => true, "no" => false, _ => null };

    /// <summary>Evidence as the form sends it: "observation:{id}" or "story:{id}".</summary>
    public IReadOnlyList<EvidenceInput?> EvidenceInputs => [.. Evidence.Select(Parse)];

    private static EvidenceInput? Parse(string value) =>
        value.Split(':') is [var kind, var id] && Enum.TryParse<EvidenceKind>(kind, true, out var k) && Guid.TryParse(id, out var g)
            ? new EvidenceInput(k, g) : new EvidenceInput(null, null);
}

public sealed class LinkForm
{
    public Guid Id { get; set; }
    public Guid? From { get; set; }
    public Guid? To { get; set; }
    public LinkRelation Relation { get; set; } = LinkRelation.LedTo;
    public string? Note { get; set; }
    public Guid? Session { get; set; }
}

public sealed class RecodeForm
{
    public Guid? Ripple { get; set; }
    public List<CommunityCapital> Capitals { get; set; } = [];
    /// <summary>The ripple whose coding the boxes showed: saving them onto another ripple would overwrite its coding unseen.</summary>
    public Guid? Shown { get; set; }
    /// <summary>The version of each ripple's coding the form showed, so a coding changed since is not silently replaced.</summary>
    public Dictionary<Guid, long> Versions { get; set; } = [];
    /// <summary>The themes as typed (the words the ripple was coded with, as the form drew them).</summary>
    public string? Themes { get; set; }
    /// <summary>The ripple whose themes the box showed: themes are saved only onto that ripple, never another's.</summary>
    public Guid? ThemesOf { get; set; }
}

/// <summary>A dispute, substantiation or withdrawal of a link.</summary>
public sealed class ChallengeForm
{
    public Guid Id { get; set; }
    public Guid? Link { get; set; }
    /// <summary>"dispute", "substantiate" or "withdraw".</summary>
    public string Kind { get; set; } = "dispute";
    public string? Text { get; set; }
}

public sealed class SessionForm
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    public string? HeldOn { get; set; }
    public int? Count { get; set; }
    public string? Roles { get; set; }
    public List<Guid> Partners { get; set; } = [];
}

public sealed class CloseForm
{
    public Guid? Session { get; set; }
    public string? Surprised { get; set; }
    public string? Next { get; set; }

    /// <summary>The two prompts' answers as the session's reflections.</summary>
    public string Reflections => string.Join("\n\n", new[]
    {
        string.IsNullOrWhiteSpace(Surprised) ? null : $"What surprised us? {Surprised.Trim()}",
        string.IsNullOrWhiteSpace(Next) ? null : $"What next? {Next.Trim()}"
    }.Where(x => x is not null));
}
