using ImpactJournal.Access;
using ImpactJournal.CheckIns;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Invitations;

public sealed record MakeInvitation(Guid? Id, string? Purpose, InvitationKind? Kind, Guid? CheckInId, DateOnly? ExpiresOn, int? MaxUses,
    Guid? PartnerId = null);

/// <summary>The answer to a new invitation: its link, shown this once (only a hash of its token is kept).</summary>
public sealed record MadeInvitation(Guid Id, string Link, string Token);

/// <summary>Making an invitation for residents: behind the API's endpoint and the web app's "Invite residents".</summary>
public static class MakeInvitationUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(MakeInvitation? command, DateOnly today)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Text("purpose", command.Purpose, InvitationConfiguration.Purpose)
            .Defined("kind", command.Kind)
            .Required("expiresOn", command.ExpiresOn)
            .Required("maxUses", command.MaxUses);
        if (command.Kind == InvitationKind.CheckIn) validation.Required("checkInId", command.CheckInId).NotEmpty("checkInId", command.CheckInId);
        if (command.Kind == InvitationKind.Story && command.CheckInId is not null) validation.Add("checkInId", "Only for a check-in invitation.");
        if (command.ExpiresOn < today) validation.Add("expiresOn", "Must not be in the past.");
        if (command.ExpiresOn > today.AddDays(InvitationConfiguration.MaxDaysOpen)) validation.Add("expiresOn", "At most a year from today.");
        if (command.MaxUses is < 1 or > InvitationConfiguration.MaxUses) validation.Add("maxUses", $"From 1 to {InvitationConfiguration.MaxUses}.");
        return validation.ToErrors();
    }

    /// <summary>The event a valid command records for the partner it was resolved to; the round, when named, must be open.</summary>
    public static Decision Decide(MakeInvitation command, Guid id, Guid allianceId, Guid partnerId, CheckInRound? round, string location) =>
        command.Kind == InvitationKind.CheckIn && round is null ? Outcome.InvalidField("checkInId", CheckInConfiguration.NoSuchRound)
        : round is { Closed: true } ? Outcome.InvalidField("checkInId", "This check-in round is closed.")
        : Decision.Append(Outcome.Created(id, location), new InvitationMade(id, allianceId, command.Purpose!.Trim(),
            command.Kind!.Value, command.CheckInId, command.ExpiresOn!.Value, command.MaxUses!.Value, partnerId));

    /// <summary>
    /// Makes the invitation under its id with a new token, keeping only the token's hash. A retry with the same id and
    /// body records nothing and cannot show the link again.
    /// </summary>
    public static Task<Outcome> RunAsync(MakeInvitation? command, ActingMember acting, string serviceBase, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(MakeInvitation), acting, async () =>
    {
        if (UseCase.Refusal(Validate(command, Web.Words.Today(clock))) is { } invalid) return invalid;
        var partner = PartnerOnBehalfOf.Resolve(acting.Alliance, acting.Member, command!.PartnerId);
        if (partner.Refusal is not null) return partner.Refusal;

        var id = command.Id ?? Guid.CreateVersion7();
        var location = InvitationConfiguration.Location(acting.AllianceId, id);
        await using var session = UseCase.OpenSession(store, acting);
        var round = command.CheckInId is { } roundId ? await session.LoadAsync<CheckInRound>(roundId, ct) : null;
        var decision = Decide(command, id, acting.AllianceId, partner.PartnerId, round, location);
        if (decision.Events is not [InvitationMade made]) return decision.Outcome;

        var token = InvitationSecrets.NewToken();
        session.Events.StartStream<Invitation>(id, made);
        session.Store(new InvitationLink(InvitationSecrets.Hash(token), id));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            await using var reader = store.QuerySession(acting.AllianceId.ToString());
            var existing = await reader.Events.FetchStreamAsync(id, version: 1, token: ct);
            return existing is [{ Data: InvitationMade earlier }] && earlier == made ? Outcome.Retried(id, location) : Outcome.IdTakenByDifferentBody(id);
        }
        return Outcome.Created(id, location, new MadeInvitation(id, InvitationLinks.Link(serviceBase, token), token));
    });
}

public static class MakeInvitationEndpoint
{
    /// <summary>
    /// Make an invitation for residents to tell a story or answer a check-in round, with no account (partners, facilitators,
    /// stewards). Answers its link once: only a hash of the token is kept. A retry with the same id and body appends nothing.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/invitations", OperationId = "makeInvitation")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    [ProducesResponseType<MadeInvitation>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(MakeInvitation command, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        (await MakeInvitationUseCase.RunAsync(command, ActingMember.Of(http), InvitationLinks.ServiceBaseOf(http), store, clock, ct)).ToHttp();
}
