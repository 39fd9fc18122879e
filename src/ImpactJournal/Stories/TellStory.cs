using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Stories;

public sealed record StoryConsentInput(ConsentScope? Scope, bool? Identifiable, DateOnly? ExpiresOn);

public sealed record TellStory(
    Guid? Id,
    string? Title,
    string? Narrative,
    string? TellerRole,
    DateOnly? ToldOn,
    string? DomainOfChange,
    StoryConsentInput? Consent,
    SignifiersInput? Signifiers,
    Guid? PartnerId);

public static class TellStoryEndpoint
{
    public static ProblemDetails Validate(TellStory? command, HttpContext http, TimeProvider clock)
    {
        if (command is null) return Validation.MissingBody();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .Text("title", command.Title, StoryConfiguration.Title)
            .Text("narrative", command.Narrative, StoryConfiguration.Narrative)
            .Text("tellerRole", command.TellerRole, StoryConfiguration.TellerRole)
            .Required("toldOn", command.ToldOn)
            .Text("domainOfChange", command.DomainOfChange, StoryConfiguration.DomainOfChange, required: false)
            .Consent("consent", command.Consent?.Scope, command.Consent?.Identifiable)
            .NotEmpty("partnerId", command.PartnerId)
            .Signifiers("signifiers", command.Signifiers, CurrentMember.AllianceOf(http).Framework);
        if (command.ToldOn > today.AddDays(1)) validation.Add("toldOn", "May not be in the future.");
        if (command.Consent?.ExpiresOn is { } expires && expires < command.ToldOn) validation.Add("consent.expiresOn", "Must not be before toldOn.");
        return validation.ToProblem();
    }

    /// <summary>Record a story in the teller's words. A retry with the same id and body appends nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories", OperationId = "tellStory")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(TellStory command, Guid allianceId, HttpContext http,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var alliance = CurrentMember.AllianceOf(http);
        var partner = PartnerOnBehalfOf.Resolve(alliance, CurrentMember.Of(http), command.PartnerId);
        if (partner.Refusal is not null) return partner.Refusal.ToHttp();

        return await StartAsync(command, alliance, partner.PartnerId, allianceId, ActingSubject.Of(http.User), starter, store, ct);
    }

    /// <summary>The decision, shared with the web app's story form: the story as told, started once under its id.</summary>
    public static Task<IResult> StartAsync(TellStory command, Alliance alliance, Guid partnerId, Guid allianceId, string? subject,
        StreamStarter starter, IDocumentStore store, CancellationToken ct)
    {
        var signifiers = command.Signifiers?.ToSignifiers() ?? Signifiers.None;
        var told = new StoryTold(
            command.Id ?? Guid.CreateVersion7(),
            command.Title!.Trim(),
            command.Narrative!.Trim(),
            command.TellerRole!.Trim(),
            command.ToldOn!.Value,
            string.IsNullOrWhiteSpace(command.DomainOfChange) ? null : command.DomainOfChange.Trim(),
            new Consent(command.Consent!.Scope!.Value, command.Consent.Identifiable!.Value, command.Consent.ExpiresOn),
            signifiers,
            command.Signifiers is null || command.Signifiers.IsEmpty ? null : alliance.Framework?.Version,
            partnerId);

        return IdempotentCreate.StartStreamAsync<Story, StoryTold>(starter, store, allianceId, told.StoryId, told,
            subject, (a, b) => a.SameAs(b), $"/api/alliances/{allianceId}/stories/{told.StoryId}", ct);
    }
}
