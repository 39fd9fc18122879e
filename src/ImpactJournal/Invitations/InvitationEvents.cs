using System.Text.Json.Serialization;

namespace ImpactJournal.Invitations;

/// <summary>What an invitation asks residents for: a story, or answers to a check-in round.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvitationKind>))]
public enum InvitationKind
{
    [JsonStringEnumMemberName("story")] Story,
    [JsonStringEnumMemberName("check-in")] CheckIn
}

/// <summary>
/// An invitation was made for the inviting partner. Its link's token is in no event: only a hash of it is kept, in an
/// <see cref="InvitationLink"/>, so that someone who reads the database cannot use the links.
/// </summary>
public sealed record InvitationMade(
    Guid InvitationId,
    Guid AllianceId,
    string Purpose,
    InvitationKind Kind,
    Guid? CheckInId,
    DateOnly ExpiresOn,
    int MaxUses,
    Guid PartnerId);

public sealed record InvitationRevoked;

/// <summary>A resident used the invitation; what they sent is in its own stream (only its id is here).</summary>
public sealed record InvitationUsed(Guid ContributionId);
