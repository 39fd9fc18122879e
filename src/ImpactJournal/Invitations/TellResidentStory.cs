using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

/// <summary>A resident's story: a title, their words, a name or none, who may read it, and the alliance's questions.</summary>
public sealed record TellResidentStory(Guid? Id, string? Title, string? Narrative, string? Name, ConsentScope? Scope, SignifiersInput? Signifiers);

/// <summary>The answer to a resident: their reference code, shown this once (only its hash is kept).</summary>
public sealed record ToldByResident(Guid Id, string Code, string State);

/// <summary>A resident tells a story through an invitation, with no account: behind <c>/i/{token}</c> and the API.</summary>
public static class TellResidentStoryUseCase
{
    /// <summary>The same words for a link that never existed, was revoked, expired or was used up.</summary>
    public const string LinkDoesNotOpen = "This link does not open. It may have been typed wrongly, or it has closed.";

    public static IReadOnlyDictionary<string, string[]> Validate(TellResidentStory? command, SignificationFramework? framework) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, StoryConfiguration.Title)
            .Text("narrative", command.Narrative, StoryConfiguration.Narrative)
            .Text("name", command.Name, InvitationConfiguration.Name, required: false)
            .Defined("scope", command.Scope)
            .Signifiers("signifiers", command.Signifiers, framework)
            .ToErrors();

    /// <summary>The story as told, waiting for review; identifiable when the resident gave a name.</summary>
    public static ResidentStoryTold Decide(TellResidentStory command, Guid id, Invitation invitation, SignificationFramework? framework)
    {
        var name = string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim();
        return new ResidentStoryTold(id, invitation.AllianceId, invitation.Id, invitation.PartnerId, command.Title!.Trim(), command.Narrative!.Trim(), name,
            new Consent(command.Scope!.Value, name is not null), command.Signifiers?.ToSignifiers() ?? Signifiers.None,
            command.Signifiers is null || command.Signifiers.IsEmpty ? null : framework?.Version);
    }

    /// <summary>
    /// Records the story and one use of the invitation together, the invitation's stream taken exclusively so that its cap
    /// holds however many arrive at once. A retry with the same id records nothing (its code was shown the first time).
    /// </summary>
    public static Task<Outcome> RunAsync(string? token, TellResidentStory? command, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(TellResidentStory), null, async () =>
        {
            var today = Web.Words.Today(clock);
            if (await InvitationLinks.OpenAsync(store, token, today, ct) is not { Invitation.Kind: InvitationKind.Story } opened)
                return new Outcome.NotFound(LinkDoesNotOpen);
            await using var session = ResidentSession(store, opened.AllianceId);
            var framework = (await session.LoadAsync<Alliance>(opened.AllianceId, ct))?.Framework;
            if (UseCase.Refusal(Validate(command, framework)) is { } invalid) return invalid;

            var id = command!.Id ?? Guid.CreateVersion7();
            var location = "/api/resident";
            if (await session.Events.FetchStreamStateAsync(id, ct) is not null) return Outcome.Retried(id, location);
            var invitation = await session.Events.FetchForExclusiveWriting<Invitation>(opened.Invitation.Id, ct);
            if (invitation.Aggregate is not { } current || !current.OpensOn(today)) return new Outcome.NotFound(LinkDoesNotOpen);

            var code = InvitationSecrets.NewCode();
            invitation.AppendOne(new InvitationUsed(id));
            session.Events.StartStream<ResidentStory>(id, Decide(command, id, current, framework));
            session.Store(new ResidentCode(InvitationSecrets.Hash(code), id));
            await session.SaveChangesAsync(ct);
            return Outcome.Created(id, location, new ToldByResident(id, code, ResidentStories.Words(ResidentStoryState.WaitingForReview)));
        });

    /// <summary>A session of the inviting alliance in which what residents do is recorded as a resident's.</summary>
    public static IDocumentSession ResidentSession(IDocumentStore store, Guid allianceId)
    {
        var session = store.LightweightSession(allianceId.ToString());
        session.LastModifiedBy = ResidentStories.Resident;
        session.CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        return session;
    }
}

public static class TellResidentStoryEndpoint
{
    /// <summary>
    /// A resident tells a story through an invitation's token, with no account. Answers a reference code once: with it alone
    /// the resident reads the story's state and may withdraw it. The story waits for review by a member of the inviting
    /// partner or a steward, and is shown nowhere until accepted. An unknown, revoked, expired or used-up token gets the same 404.
    /// </summary>
    [WolverinePost("/api/invitations/{token}/stories", OperationId = "tellResidentStory")]
    [AllowAnonymous]
    [ProducesResponseType<ToldByResident>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(string token, TellResidentStory command, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        (await TellResidentStoryUseCase.RunAsync(token, command, store, clock, ct)).ToHttp();
}
