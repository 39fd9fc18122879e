using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.RippleMaps;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Stories;

/// <summary>Withdrawing a teller's consent to a story: the one implementation behind the API and the story's page.</summary>
public static class WithdrawStoryConsentUseCase
{
    public const string NoStory = "There is no such story in this alliance.";

    /// <summary>The body is optional; a reason, when given, is checked (and never stored).</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(WithdrawConsent? command) => WithdrawConsent.Validate(command);

    /// <summary>Partners act only on their own organisation's stories; stewards and facilitators on any. Null when allowed.</summary>
    public static Outcome? Decide(Story story, Member member) =>
        story.MayBeChangedBy(member) ? null : new Outcome.Forbidden("Partners act only on their own organisation's records.");

    /// <summary>
    /// Erases the story's content from the stored events and read models, and records that consent was withdrawn (once:
    /// withdrawing again erases again and records nothing new). Answers what remains of the story.
    /// </summary>
    public static Task<Outcome> RunAsync(Guid storyId, WithdrawConsent? command, ActingMember acting, Withdrawing deps,
        CancellationToken ct) => UseCase.TracedAsync("WithdrawStoryConsent", acting, async () =>
        UseCase.Refusal(Validate(command)) ?? await ConsentWithdrawals.WithdrawFromStreamAsync<Story>(deps, acting, storyId,
            EvidenceKind.Story, NoStory, story => (story.WithdrawnAt, Decide(story, acting.Member) is null, story.Themes ?? []), ct));
}

public static class WithdrawStoryConsentEndpoint
{
    /// <summary>
    /// Withdraw consent: title, narrative, teller role, domain, signifiers and selection reasons are
    /// erased from the stored events and every read model; the story remains as {id, withdrawn: true}
    /// and a StoryConsentWithdrawn event records who asked and when.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories/{storyId:guid}/consent-withdrawal", OperationId = "withdrawStoryConsent")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [OptionalBody]
    [ProducesResponseType<WithdrawnRecord>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid storyId, WithdrawConsent? command, HttpContext http, IDocumentStore store,
        NpgsqlDataSource dataSource, RippleMapStates states, TimeProvider clock, CancellationToken ct) =>
        (await WithdrawStoryConsentUseCase.RunAsync(storyId, command, ActingMember.Of(http), new Withdrawing(store, dataSource, states, clock), ct))
        .ToHttp();
}
