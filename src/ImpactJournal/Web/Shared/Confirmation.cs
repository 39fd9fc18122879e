using ImpactJournal.Observations;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ImpactJournal.Web;

/// <summary>
/// What a page says was just done. Every page hands it to the layout, which shows it first in the page, under
/// the header, announced as a status and focused on arrival (no script), so nobody is left scrolled away from it.
/// </summary>
public sealed record Confirmation(string Words)
{
    /// <summary>A button that takes back what was just done (adding back a removed member), posted to this page's handler.</summary>
    public Undo? Undo { get; init; }

    /// <summary>Where on this page the details are, when they sit further down (the rows an import refused).</summary>
    public (string Href, string Words)? More { get; init; }

    public static Confirmation Of(ImportResult result) =>
        new($"{result.Imported} imported, {result.Duplicates} already in the journal, {result.RejectedTotal} not imported.")
        {
            More = result.Rejected.Count > 0 ? ("#not-imported", "See the rows not imported and what to fix") : null
        };
}

public sealed record Undo(string Handler, string Words, IReadOnlyDictionary<string, string?> Fields);

public static class Confirmations
{
    private const string Key = nameof(Confirmation);

    /// <summary>Says what was just done, at the top of the page. Set it in the page's view; the layout shows it.</summary>
    public static void Confirm(this ViewDataDictionary viewData, Confirmation confirmation) => viewData[Key] = confirmation;

    public static void Confirm(this ViewDataDictionary viewData, string words) => viewData.Confirm(new Confirmation(words));

    public static Confirmation? Confirmation(this ViewDataDictionary viewData) => viewData[Key] as Confirmation;
}
