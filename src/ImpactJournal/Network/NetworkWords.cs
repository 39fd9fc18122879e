namespace ImpactJournal.Network;

/// <summary>The collaboration network's measures said in words, for pages and summaries (the JSON keeps the numbers).</summary>
public static class NetworkWords
{
    /// <summary>The network's density as what it counts: "7 of the 21 possible pairs of partners have worked together."</summary>
    public static string Pairs(int ties, int partners)
    {
        var pairs = partners * (partners - 1) / 2;
        if (pairs == 0) return "With fewer than two partners there are no pairs to work together yet.";
        return ties == 0 ? $"None of the {pairs} possible pairs of partners has worked together yet."
            : $"{ties} of the {pairs} possible pair{(pairs == 1 ? "" : "s")} of partners {(ties == 1 ? "has" : "have")} worked together.";
    }

    /// <summary>
    /// A partner's betweenness as the share of other pairs of partners whose shortest connection runs through it:
    /// "none", "about 1 in 8".
    /// </summary>
    public static string Bridging(double betweenness)
    {
        if (betweenness <= 0) return "none";
        if (betweenness >= 0.995) return "all of them";
        var oneIn = (int)Math.Round(1 / betweenness);
        return oneIn <= 1 ? $"about {Math.Round(betweenness * 100):0}%" : $"about 1 in {oneIn}";
    }
}
