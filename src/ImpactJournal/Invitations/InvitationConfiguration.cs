using JasperFx.Events.Projections;
using Marten;

namespace ImpactJournal.Invitations;

public static class InvitationConfiguration
{
    public const int Purpose = 200;
    public const int MaxUses = 1000;
    /// <summary>An invitation opens for at most a year: a card left on a noticeboard should not open forever.</summary>
    public const int MaxDaysOpen = 366;

    public static void AddInvitations(this StoreOptions opts)
    {
        // Inline: a link works the moment it is shown, and its cap on uses is counted as each use is recorded.
        opts.Projections.Snapshot<Invitation>(SnapshotLifecycle.Inline);
        opts.Schema.For<Invitation>().StartIndexesByTenantId().Index(i => i.PartnerId);
        // Inline too: a resident reads their story's state with their code the moment they are given it.
        opts.Projections.Snapshot<ResidentStory>(SnapshotLifecycle.Inline);
        opts.Schema.For<ResidentStory>().Index(s => s.State);
        opts.Events.AddMaskingRuleForProtectedInformation<ResidentStoryTold>(e => e with
        {
            Title = "", Narrative = "", Name = null, Signifiers = Stories.Signifiers.None
        });
        opts.Events.AddMaskingRuleForProtectedInformation<ResidentStoryAccepted>(e => e with { AmendmentNote = null });
        // Named here so db-apply creates their tables: a production service creates none of its own.
        opts.Schema.For<InvitationLink>();
        opts.Schema.For<ResidentCode>();
    }

    public static string Location(Guid allianceId, Guid invitationId) => $"/api/alliances/{allianceId}/invitations/{invitationId}";

    public const int Name = 100;
    public const int Reason = 2000;

    public const string NoSuchInvitation = "No invitation with this id in this alliance.";
}
