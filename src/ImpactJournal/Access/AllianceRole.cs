using System.Text.Json.Serialization;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Access;

/// <summary>A member's role in one alliance. Roles live in the alliance's events, never in tokens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AllianceRole>))]
public enum AllianceRole
{
    Steward,
    Partner,
    Facilitator,
    Commissioner,

    /// <summary>
    /// Never a member's role: a resident who answered a check-in round by invitation, with no account. Their ratings count
    /// under this role in the round's summary, under the same disclosure control as every other role.
    /// </summary>
    Resident
}

public static class AllianceRoleWords
{
    /// <summary>The roles a member may hold (a resident answers by invitation and is no member).</summary>
    public static bool IsMemberRole(this AllianceRole role) => role is not AllianceRole.Resident;

    private static readonly string MemberRoles = string.Join(", ", Enum.GetValues<AllianceRole>().Where(IsMemberRole).Select(Vocabulary.Spell));

    /// <summary>A member's role: required, and one a member may hold.</summary>
    public static Validation MemberRole(this Validation validation, string field, AllianceRole? role) =>
        role is null ? validation.Add(field, $"Required; one of {MemberRoles}.")
        : !Enum.IsDefined(role.Value) || !role.Value.IsMemberRole() ? validation.Add(field, $"One of {MemberRoles}.")
        : validation;

    /// <summary>A role as a sentence names it: "a steward", "a commissioner".</summary>
    public static string WithArticle(this AllianceRole role) => $"a {role.ToString().ToLowerInvariant()}";
}
