namespace ImpactJournal.Journal;

/// <summary>
/// Small-number suppression: in commissioner views a count below 5 that includes identifiable
/// content is shown as "&lt;5", so that nobody can be singled out. Other counts are shown as numbers.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;
    public const string Suppressed = "<5";

    /// <returns>The count (a number) or the string "&lt;5".</returns>
    public static object Show(int count, bool includesIdentifiable, bool commissionerView) =>
        commissionerView && includesIdentifiable && count is > 0 and < Threshold ? Suppressed : count;
}

/// <summary>What the reading member may see: their role decides consent and suppression.</summary>
public sealed record Viewer(Access.AllianceRole Role, DateOnly Today)
{
    public bool IsCommissioner => Role == Access.AllianceRole.Commissioner;
}
