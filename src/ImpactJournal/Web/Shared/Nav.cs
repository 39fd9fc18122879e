using ImpactJournal.Access;
using ImpactJournal.Alliances;

namespace ImpactJournal.Web;

/// <summary>What each person finds in an alliance's navigation: only what their role lets them do.</summary>
public static class Nav
{
    public static IEnumerable<(string Href, string Label)> For(Alliance alliance, Member member)
    {
        var home = $"/alliances/{alliance.Id}";
        var contributes = Contributes(member);
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
        yield return ("/commons", "Learning commons");
        if (contributes) yield return ($"{home}/import", "Import");
        if (contributes) yield return ($"{home}/invitations", "Invitations");
        if (contributes) yield return ($"{home}/on-this-device", "On this device");
        if (member.Role == AllianceRole.Steward) yield return ($"{home}/settings", "Settings");
    }

    /// <summary>Whether the member logs what they noticed and tells stories (and so may keep them on a device with no signal).</summary>
    public static bool Contributes(Member member) => member.Role is AllianceRole.Partner or AllianceRole.Facilitator or AllianceRole.Steward;

    /// <summary>
    /// What a phone shows first, above the menu: the work people come to do on a phone. Everything else in
    /// <see cref="For"/> sits behind the menu button.
    /// </summary>
    public static IReadOnlyList<(string Href, string Label)> FirstOnAPhone(Alliance alliance, Member member)
    {
        var home = $"/alliances/{alliance.Id}";
        return member.Role is AllianceRole.Commissioner
            ? [($"{home}/dashboard", "Learning dashboard")]
            : [($"{home}/notice", "What did you notice?"), ($"{home}/stories/tell", "Tell a story"), ($"{home}/entries", "My entries")];
    }

    /// <summary>The links behind a phone's menu button: those of <see cref="For"/> not already shown first.</summary>
    public static IEnumerable<(string Href, string Label)> InTheMenu(Alliance alliance, Member member)
    {
        var first = FirstOnAPhone(alliance, member).Select(link => link.Href).ToHashSet();
        return For(alliance, member).Where(link => !first.Contains(link.Href));
    }

    public static string RoleWords(Member member) => member.Role switch
    {
        AllianceRole.Steward => "steward",
        AllianceRole.Partner => "partner",
        AllianceRole.Facilitator => "facilitator",
        _ => "commissioner"
    };
}
