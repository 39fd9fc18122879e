using System.Security.Claims;
using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Templates;
using Marten;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

/// <summary>
/// Form an alliance. <c>TemplateId</c> (optional) names a template (<c>GET /api/templates</c>) to start from; the agreement
/// type may then be left out and is the template's collaboration model.
/// </summary>
public sealed record FormAlliance(Guid? Id, string? Name, AgreementType? AgreementType, string? SharedPurpose, string? TemplateId = null);

/// <summary>
/// Forming an alliance. There is no member yet: the person forming it acts as the founding steward of the alliance
/// their command forms, which is also its own tenant.
/// </summary>
public static class FormAllianceUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(FormAlliance? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, AllianceLimits.Name)
            .Defined("agreementType", command.AgreementType)
            .Text("sharedPurpose", command.SharedPurpose, AllianceLimits.Purpose)
            .ToErrors();

    public static AllianceFormed Decide(FormAlliance command, string subject, string displayName) => new(
        command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(), command.AgreementType!.Value, command.SharedPurpose!.Trim(), subject, displayName);

    /// <summary>Forms it under its id, from a template when one is named; a retry with the same id and body records nothing.</summary>
    public static Task<Outcome> RunAsync(FormAlliance? command, string subject, string displayName, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) => UseCase.TracedAsync(nameof(FormAlliance), null, async () =>
    {
        TemplateFile? template = null;
        if (command?.TemplateId is { } templateId)
        {
            template = await TemplateLibrary.FindAsync(store, templateId, ct);
            if (template is null) return Outcome.InvalidField("templateId", "No template with this id on this installation; GET /api/templates lists them.");
            command = command with { AgreementType = command.AgreementType ?? template.AgreementType };
        }
        if (UseCase.Refusal(Validate(command)) is { } invalid) return invalid;
        var formed = Decide(command!, subject, displayName);
        var alliance = Alliance.Formed(formed, clock.GetUtcNow());
        var founder = new ActingMember(alliance, alliance.Members[0]);
        var location = $"/api/alliances/{formed.AllianceId}";
        return template is null
            ? await UseCase.StartStreamAsync<Alliance, AllianceFormed>(starter, store, founder, formed.AllianceId, formed,
                (earlier, requested) => earlier == requested, location, ct)
            : await AllianceFromTemplate.StartAsync(store, founder, AllianceFromTemplate.Decide(formed, template), location, ct);
    });
}

public static class FormAllianceEndpoint
{
    /// <summary>
    /// Form an alliance; the caller becomes its first steward. The new alliance is its own tenant. With <c>templateId</c>
    /// it starts with the template's commitments, signification framework, proposed indicators, review questions and
    /// check-in wording, and records the template's key and version; <c>agreementType</c> may then be left out.
    /// </summary>
    [WolverinePost("/api/alliances", OperationId = "formAlliance", Summary = "Form an alliance, from a template when templateId names one; the caller becomes its first steward")]
    public static async Task<IResult> Post(FormAlliance command, ClaimsPrincipal user, StreamStarter starter, IDocumentStore store,
        TimeProvider clock, CancellationToken ct) =>
        (await FormAllianceUseCase.RunAsync(command, ActingSubject.Of(user)!, ActingSubject.DisplayNameOf(user), starter, store, clock, ct)).ToHttp();
}

public static class AllianceLimits
{
    public const int Name = 200;
    public const int Purpose = 4000;
    public const int Text = 2000;
    public const int Subject = 256;
}
