using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Commons;

/// <summary>The alliance's public profile in the commons: the name shown, what it says about itself, its collaboration model, and whether partners' names may be shown.</summary>
public sealed record WriteCommonsProfile(string? Name, string? About, string? CollaborationModel, bool? ShowPartnerNames);

/// <summary>What the API answers about the alliance's place in the commons.</summary>
public sealed record CommonsProfileView(Guid AllianceId, bool Joined, string Name, string About, string CollaborationModel, bool ShowPartnerNames, string Address);

/// <summary>Writing the public profile, which joins the commons: the one implementation behind the API and the alliance's commons page.</summary>
public static class WriteCommonsProfileUseCase
{
    public const int Name = 200;
    public const int About = 4000;

    public static IReadOnlyDictionary<string, string[]> Validate(WriteCommonsProfile? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation().Text("name", command.Name, Name).Text("about", command.About, About).Required("showPartnerNames", command.ShowPartnerNames);
        if (string.IsNullOrWhiteSpace(command.CollaborationModel)) validation.Add("collaborationModel", $"Required; one of {string.Join(", ", CollaborationModels.Keys)}.");
        else if (!CollaborationModels.Keys.Contains(command.CollaborationModel)) validation.Add("collaborationModel", $"One of {string.Join(", ", CollaborationModels.Keys)}.");
        return validation.ToErrors();
    }

    public static Decision Decide(WriteCommonsProfile command, Alliance alliance)
    {
        var written = new CommonsProfileWritten(alliance.Id, command.Name!.Trim(), command.About!.Trim(), command.CollaborationModel!, command.ShowPartnerNames!.Value,
            [.. alliance.Partners.Select(p => p.Kind).Distinct().Order()]);
        return Decision.Append(Outcome.Changed(alliance.Id, CommonsRoutes.Alliance(alliance.Id), ViewOf(written, joined: true)), written);
    }

    public static CommonsProfileView ViewOf(CommonsProfileWritten profile, bool joined) =>
        new(profile.AllianceId, joined, profile.Name, profile.About, profile.CollaborationModel, profile.ShowPartnerNames, CommonsRoutes.Alliance(profile.AllianceId));

    public static Task<Outcome> RunAsync(WriteCommonsProfile? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(WriteCommonsProfile), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await UseCase.ChangeStreamAsync<CommonsMembership>(store, acting, CommonsMembership.IdOf(acting.AllianceId),
                oneWriterAtATime: false, "", _ => Decide(command!, acting.Alliance), ct, whenNew: () => CommonsMembership.None(acting.AllianceId)));
}

/// <summary>Leaving the commons: the profile and every item published go at once. The one implementation behind the API and the page.</summary>
public static class LeaveCommonsUseCase
{
    public const string NotIn = "This alliance is not in the learning commons.";

    /// <summary>The events that take the alliance out: every live publication unpublished, then the leaving itself. None when it is not in.</summary>
    public static IReadOnlyList<(Guid Stream, object Event)> Decide(Guid allianceId, CommonsMembership membership, IEnumerable<CommonsPublication> published) =>
        !membership.Joined ? []
        : [.. published.Where(p => p.Published).Select(p => (p.Id, (object)new UnpublishedFromCommons(p.Id))),
            (membership.Id, new AllianceLeftCommons(allianceId))];

    public static Task<Outcome> RunAsync(ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync("LeaveCommons", acting, async () =>
        {
            await using var session = UseCase.OpenSession(store, acting);
            var membership = await session.Events.FetchForWriting<CommonsMembership>(CommonsMembership.IdOf(acting.AllianceId), ct);
            var published = await session.Query<CommonsPublication>().Where(p => p.Published).ToListAsync(ct);
            var events = Decide(acting.AllianceId, membership.Aggregate ?? CommonsMembership.None(acting.AllianceId), published);
            foreach (var (stream, e) in events)
                if (stream == membership.Id) membership.AppendOne(e);
                else session.Events.Append(stream, e);
            if (events.Count == 0) return new Outcome.Conflict("Not in the commons", NotIn);
            await session.SaveChangesAsync(ct);
            return Outcome.Changed(acting.AllianceId, CommonsRoutes.Alliance(acting.AllianceId), null);
        });
}

public static class CommonsProfileEndpoints
{
    /// <summary>The alliance's place in the commons (steward): its public profile and whether it is in the commons; 404 before a profile was written.</summary>
    [WolverineGet(AllianceRoute.Prefix + "/commons/profile", OperationId = "readCommonsProfile", Summary = "Read the alliance's public profile in the commons (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CommonsMembership>(CommonsMembership.IdOf(CurrentMember.AllianceOf(http).Id), ct) is { Profile: { } profile } membership
            ? Results.Ok(WriteCommonsProfileUseCase.ViewOf(profile, membership.Joined))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This alliance has not written a public profile.");

    /// <summary>
    /// Write the alliance's public profile (steward), which joins the learning commons: <c>name</c> (as the commons shows it),
    /// <c>about</c>, <c>collaborationModel</c> (alliance-contract, relational-contract, collaboration-agreement,
    /// thin-layer-cooperative, public-commons-partnership, innovation-partnership, grant-collaboration) and
    /// <c>showPartnerNames</c> (whether published ripples name the partners involved).
    /// </summary>
    [WolverinePut(AllianceRoute.Prefix + "/commons/profile", OperationId = "writeCommonsProfile", Summary = "Write the alliance's public profile and join the learning commons (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Put(WriteCommonsProfile command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await WriteCommonsProfileUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();

    /// <summary>Leave the learning commons (steward): the profile and every item the alliance published are gone from it at once. 204; 409 when it is not in the commons.</summary>
    [WolverineDelete(AllianceRoute.Prefix + "/commons/profile", OperationId = "leaveCommons", Summary = "Leave the learning commons (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Delete(HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await LeaveCommonsUseCase.RunAsync(ActingMember.Of(http), store, ct)).ToHttp();
}
