using System.Text.Json.Serialization;

namespace ImpactJournal.Access;

/// <summary>A member's role in one alliance. Roles live in the alliance's events, never in tokens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AllianceRole>))]
public enum AllianceRole
{
    Steward,
    Partner,
    Facilitator,
    Commissioner
}

public static class AllianceRoleWords
{
    /// <summary>A role as a sentence names it: "a steward", "a commissioner".</summary>
    public static string WithArticle(this AllianceRole role) => $"a {role.ToString().ToLowerInvariant()}";
}
