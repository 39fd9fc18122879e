using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using JasperFx.Events;

namespace ImpactJournal.Invitations;

/// <summary>What became of a resident's story, as its reference code reads it.</summary>
public enum ResidentStoryState
{
    WaitingForReview,
    Accepted,
    Declined,
    Withdrawn
}

/// <summary>A story a resident told through an invitation, from its arrival to its review (or withdrawal). Snapshotted inline.</summary>
public sealed record ResidentStory(
    Guid Id,
    Guid AllianceId,
    Guid InvitationId,
    Guid PartnerId,
    string? Title,
    string? Narrative,
    string? Name,
    Consent Consent,
    Signifiers? Signifiers,
    int? FrameworkVersion,
    DateTimeOffset ToldAt,
    ResidentStoryState State,
    Guid? StoryId,
    string? AmendmentNote,
    string? DeclineReason,
    string? ReviewedBy)
{
    public static ResidentStory Create(IEvent<ResidentStoryTold> told)
    {
        var e = told.Data;
        return new ResidentStory(e.ResidentStoryId, e.AllianceId, e.InvitationId, e.PartnerId, e.Title, e.Narrative, e.Name, e.Consent, e.Signifiers,
            e.FrameworkVersion, told.Timestamp, ResidentStoryState.WaitingForReview, null, null, null, null);
    }

    public ResidentStory Apply(IEvent<ResidentStoryAccepted> accepted) => this with
    {
        State = ResidentStoryState.Accepted, StoryId = accepted.Data.StoryId, AmendmentNote = accepted.Data.AmendmentNote, ReviewedBy = accepted.UserName
    };

    public ResidentStory Apply(IEvent<ResidentStoryDeclined> declined) => this with
    {
        State = ResidentStoryState.Declined, DeclineReason = declined.Data.Reason, ReviewedBy = declined.UserName
    };

    public ResidentStory Apply(ResidentStoryWithdrawn _) => this with
    {
        State = ResidentStoryState.Withdrawn, Title = null, Narrative = null, Name = null, Signifiers = null, AmendmentNote = null
    };

    /// <summary>A member of the inviting partner, or a steward, reads it before it joins the journal.</summary>
    public bool MayBeReviewedBy(Member member) =>
        member.Role == AllianceRole.Steward || (member.Role == AllianceRole.Partner && member.PartnerId == PartnerId);
}
