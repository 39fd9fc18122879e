using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// The API document's tags: one per feature folder (see <see cref="TagEndpointsByFeature"/>), each described in
/// the words of the people who use it. A feature folder with endpoints but no line here fails the OpenAPI lint test.
/// </summary>
public static class ApiFeatures
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["Alliances"] = "Form an alliance, look after its members and their roles, its partners, imperatives and shared purpose.",
        ["Observations"] = "What partners noticed: log, amend, retract, import from CSV, withdraw consent, and read them by theme, capital or date.",
        ["Stories"] = "Stories told with the alliance's signification framework, most-significant-change selections, consent, and the patterns many stories make together.",
        ["RippleMaps"] = "Ripple-effect maps: mapping sessions, ripples and the links between them, re-coding and disputes, the map as it stood, what changed, exports, pictures and live changes.",
        ["Indicators"] = "Cornerstone indicators: propose, adopt, redefine and retire them, record readings, and read their trends.",
        ["LearningReviews"] = "Learning reviews of a period: reflections, adaptations and their progress, and the period's summary.",
        ["CheckIns"] = "Check-in rounds against the alliance's imperatives: members' own answers, each round's summary and the trend across rounds.",
        ["Codebook"] = "The alliance's codebook of themes: counts, descriptions, weekly trends, themes that occur together, renames and merges.",
        ["Network"] = "Who works with whom: the partners' collaboration network, how it changed, its exports and its picture.",
        ["Exports"] = "Observations and stories taken to analysis tools: a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA and QualCoder, and the stories as CSV for R and spreadsheets, within the reader's consent.",
        ["Invitations"] = "Invitations for residents to tell a story with no account: a link and QR code, its uses, revoking it; the stories waiting for review; check-in rounds answered by invitation; a resident's reference code to read and withdraw a story or their answers.",
        ["Templates"] = "Open template models, one per collaboration model: list them, form an alliance from one, save an alliance's setup as a template file, import a file.",
        ["Commons"] = "The learning commons every alliance of the installation shares: a steward publishes maps, closed reviews' adaptations, imperatives and public stories item by item; anyone signed in searches them by capital, theme, collaboration model, partner kind and period.",
        ["Dashboards"] = "The dashboard across a person's alliances: observations, map growth, capital balance, indicators, reviews and relational health."
    };

    /// <summary>Gives each tag of the document its feature's description.</summary>
    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && Descriptions.TryGetValue(name, out var description)) tag.Description ??= description;
        return Task.CompletedTask;
    }
}
