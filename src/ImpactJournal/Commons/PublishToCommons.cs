using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.RippleMaps;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Commons;

/// <summary>Publish one item of the alliance's journal to the learning commons: a map, a closed review, an imperative or a story.</summary>
public sealed record PublishToCommons(PublicationKind? Kind, Guid? Id);

/// <summary>Publishing an item: the one implementation behind the API and the alliance's commons page.</summary>
public static class PublishToCommonsUseCase
{
    public const string NotJoined = "Write the alliance's public profile first: it joins the alliance to the commons.";

    public static IReadOnlyDictionary<string, string[]> Validate(PublishToCommons? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation().Defined("kind", command.Kind).Required("id", command.Id).NotEmpty("id", command.Id).ToErrors();

    /// <summary>
    /// Publishes the copy (or refreshes it when the item is in the commons already). Refused while the alliance is not in
    /// the commons (409), and for an item the alliance does not have or that may not go there (400 on <c>id</c>).
    /// </summary>
    public static Decision Decide(PublishToCommons command, Guid allianceId, CommonsMembership membership, CommonsPublication current, CommonsCopy? copy)
    {
        if (!membership.Joined) return new Outcome.Conflict("Not in the commons", NotJoined);
        if (copy is null) return Outcome.InvalidField("id", $"This alliance has no {Words(command.Kind!.Value)} with this id.");
        if (copy.Entry is not { } entry) return Outcome.InvalidField("id", copy.WhyNot!);
        var location = CommonsRoutes.Item(current.Id);
        var published = new PublishedToCommons(current.Id, allianceId, command.Kind!.Value, command.Id!.Value, entry);
        return Decision.Append(current.Published ? Outcome.Retried(current.Id, location) : Outcome.Created(current.Id, location), published);
    }

    public static Task<Outcome> RunAsync(PublishToCommons? command, ActingMember acting, IDocumentStore store, RippleMapStates maps,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(PublishToCommons), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command)) is { } refused) return refused;
        var (kind, id) = (command!.Kind!.Value, command.Id!.Value);
        await using var reader = store.QuerySession(acting.AllianceId.ToString());
        var membership = await reader.LoadAsync<CommonsMembership>(CommonsMembership.IdOf(acting.AllianceId), ct)
            ?? CommonsMembership.None(acting.AllianceId);
        var copy = membership.Profile is { } profile
            ? await CommonsCopies.MakeAsync(reader, maps, acting.Alliance, profile, kind, id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct)
            : null;
        var publicationId = CommonsPublication.IdOf(id);
        return await UseCase.ChangeStreamAsync<CommonsPublication>(store, acting, publicationId, oneWriterAtATime: false, "",
            current => Decide(command, acting.AllianceId, membership, current, copy), ct,
            whenNew: () => new CommonsPublication(publicationId, kind, id, "", false, default));
    });

    public static string Words(PublicationKind kind) => kind switch
    {
        PublicationKind.Map => "ripple map",
        PublicationKind.Review => "learning review",
        PublicationKind.Imperative => "social value imperative",
        _ => "story",
    };
}

public static class PublishToCommonsEndpoint
{
    /// <summary>
    /// Publish an item to the learning commons (steward): <c>kind</c> map (its picture and ripples), review (a closed review's
    /// adaptations and what became of them), imperative (with its check-in direction) or story (given for the public, not
    /// identifiable), and its <c>id</c>. 201 with the item's address; 200 when it was published already (the copy is refreshed).
    /// 409 until the alliance has written its public profile.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/commons/publications", OperationId = "publishToCommons", Summary = "Publish an item to the learning commons (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Post(PublishToCommons command, HttpContext http, IDocumentStore store, RippleMapStates maps, TimeProvider clock,
        CancellationToken ct) => (await PublishToCommonsUseCase.RunAsync(command, ActingMember.Of(http), store, maps, clock, ct)).ToHttp();
}
