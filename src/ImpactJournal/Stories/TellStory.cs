using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
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
    Guid? PartnerId,
    IReadOnlyList<string?>? Themes = null);

/// <summary>Telling a story: the one implementation behind the API's endpoint and the web app's "Tell a story".</summary>
public static class TellStoryUseCase
{
    /// <summary>Field errors, with the signifiers checked against the framework in force.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(TellStory? command, SignificationFramework? framework, TimeProvider clock)
    {
        if (command is null) return Validation.MissingBodyErrors();
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
            .Signifiers("signifiers", command.Signifiers, framework)
            .CheckThemes("themes", command.Themes);
        if (command.ToldOn > today.AddDays(1)) validation.Add("toldOn", "May not be in the future.");
        if (command.Consent?.ExpiresOn is { } expires && expires < command.ToldOn) validation.Add("consent.expiresOn", "Must not be before toldOn.");
        return validation.ToErrors();
    }

    /// <summary>The story as told, for the partner it was resolved to, signified against the framework in force.</summary>
    public static StoryTold Decide(TellStory command, Guid partnerId, SignificationFramework? framework) => new(
        command.Id ?? Guid.CreateVersion7(),
        command.Title!.Trim(),
        command.Narrative!.Trim(),
        command.TellerRole!.Trim(),
        command.ToldOn!.Value,
        string.IsNullOrWhiteSpace(command.DomainOfChange) ? null : command.DomainOfChange.Trim(),
        new Consent(command.Consent!.Scope!.Value, command.Consent.Identifiable!.Value, command.Consent.ExpiresOn),
        command.Signifiers?.ToSignifiers() ?? Signifiers.None,
        command.Signifiers is null || command.Signifiers.IsEmpty ? null : framework?.Version,
        partnerId,
        command.Themes is null ? null : Themes.Normalise(command.Themes));

    /// <summary>Records it for the acting member's partner (or the one named, where the role allows). A retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(TellStory? command, ActingMember acting, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(TellStory), acting, async () =>
    {
        var framework = acting.Alliance.Framework;
        if (UseCase.Refusal(Validate(command, framework, clock)) is { } invalid) return invalid;
        var partner = PartnerOnBehalfOf.Resolve(acting.Alliance, acting.Member, command!.PartnerId);
        if (partner.Refusal is not null) return partner.Refusal;

        var told = Decide(command, partner.PartnerId, framework);
        return await UseCase.StartStreamAsync<Story, StoryTold>(starter, store, acting, told.StoryId, told, (a, b) => a.SameAs(b),
            $"/api/alliances/{acting.AllianceId}/stories/{told.StoryId}", ct);
    });
}

public static class TellStoryEndpoint
{
    /// <summary>Record a story in the teller's words. A retry with the same id and body appends nothing.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/stories", OperationId = "tellStory")]
    [Authorize(Policy = AllianceAccess.Contribute)]
    public static async Task<IResult> Post(TellStory command, HttpContext http, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        (await TellStoryUseCase.RunAsync(command, ActingMember.Of(http), starter, store, clock, ct)).ToHttp();
}
