using ImpactJournal.Journal;
using ImpactJournal.Stories;

namespace ImpactJournal.Invitations;

/// <summary>
/// A resident told a story through an invitation. It waits for review and is in no list, count or picture until a member
/// accepts it. The resident's reference code is in no event: only its hash is kept, in a <see cref="ResidentCode"/>.
/// </summary>
public sealed record ResidentStoryTold(
    Guid ResidentStoryId,
    Guid AllianceId,
    Guid InvitationId,
    Guid PartnerId,
    string Title,
    string Narrative,
    string? Name,
    Consent Consent,
    Signifiers Signifiers,
    int? FrameworkVersion);

/// <summary>
/// A member accepted the story: it joined the journal as <paramref name="StoryId"/>. A change made on accepting is an
/// amendment: the resident's words stay in <see cref="ResidentStoryTold"/>, the journal's in the story, and the note says why.
/// </summary>
public sealed record ResidentStoryAccepted(Guid StoryId, string? AmendmentNote);

/// <summary>A member declined the story; the resident reads the reason under their code.</summary>
public sealed record ResidentStoryDeclined(string Reason);

/// <summary>The resident withdrew consent with their code: the words are erased, this audit remains.</summary>
public sealed record ResidentStoryWithdrawn;

/// <summary>How a resident's code finds their story: the SHA-256 hash of the code, never the code. Kept in the inviting alliance.</summary>
public sealed record ResidentCode(string Id, Guid ResidentStoryId);
