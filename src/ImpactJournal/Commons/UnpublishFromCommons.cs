using ImpactJournal.Access;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Commons;

/// <summary>Taking an item out of the commons: the one implementation behind the API and the alliance's commons page.</summary>
public static class UnpublishFromCommonsUseCase
{
    public const string NoPublication = "This alliance never published such an item.";

    /// <summary>Takes it out; an item out already stays out (nothing appended, the same answer).</summary>
    public static Decision Decide(CommonsPublication publication) =>
        publication.Published
            ? Decision.Append(Outcome.Changed(publication.Id, CommonsRoutes.Item(publication.Id), null), new UnpublishedFromCommons(publication.Id))
            : Outcome.Changed(publication.Id, CommonsRoutes.Item(publication.Id), null);

    public static Task<Outcome> RunAsync(Guid publicationId, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("UnpublishFromCommons", acting, () =>
            UseCase.ChangeStreamAsync<CommonsPublication>(store, acting, publicationId, oneWriterAtATime: false, NoPublication, Decide, ct));
}

public static class UnpublishFromCommonsEndpoint
{
    /// <summary>Take an item out of the learning commons (steward): it is gone from every search and page at once. 204; 404 for an item never published.</summary>
    [WolverineDelete(AllianceRoute.Prefix + "/commons/publications/{publicationId:guid}", OperationId = "unpublishFromCommons",
        Summary = "Take an item out of the learning commons (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Delete(Guid publicationId, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await UnpublishFromCommonsUseCase.RunAsync(publicationId, ActingMember.Of(http), store, ct)).ToHttp();
}
