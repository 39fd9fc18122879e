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
