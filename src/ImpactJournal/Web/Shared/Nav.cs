using ImpactJournal.Access;
using ImpactJournal.Alliances;

namespace ImpactJournal.Web;

/// <summary>What each person finds in an alliance's navigation: only what their role lets them do.</summary>
public static class Nav
{
    public static IEnumerable<(string Href, string Label)> For(Alliance alliance, Member member)
    {
        var home = $"/alliances/{alliance.Id}";
        var contributes = member.Role is AllianceRole.Partner or AllianceRole.Facilitator or AllianceRole.Steward;
        yield return (home, "Overview");
        yield return ($"{home}/dashboard", "Learning dashboard");
        if (contributes)
        {
            yield return ($"{home}/notice", "What did you notice?");
            yield return ($"{home}/entries", "My entries");
        }
        yield return ($"{home}/stories", "Stories");
        yield return ($"{home}/maps", "Ripple maps");
        yield return ($"{home}/indicators", "Indicators");
        yield return ($"{home}/codebook", "Codebook");
        yield return ($"{home}/reviews", "Learning reviews");
        yield return ($"{home}/check-ins", "Check-ins");
        yield return ($"{home}/network", "Who works with whom");
        if (contributes) yield return ($"{home}/import", "Import");
        if (member.Role == AllianceRole.Steward) yield return ($"{home}/settings", "Settings");
    }

    public static string RoleWords(Member member) => member.Role switch
    {
        AllianceRole.Steward => "steward",
        AllianceRole.Partner => "partner",
        AllianceRole.Facilitator => "facilitator",
        _ => "commissioner"
    };
}
