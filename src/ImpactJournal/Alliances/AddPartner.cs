using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

public sealed record AddPartner(Guid? Id, string? Name, PartnerKind? Kind);

/// <summary>Adding a partner organisation: the one implementation behind the API and the settings page.</summary>
public static class AddPartnerUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AddPartner? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("name", command.Name, AllianceLimits.Name)
            .Defined("kind", command.Kind)
            .ToErrors();

    /// <summary>The partner added, or (for an id already used) already there or a conflict.</summary>
    public static Decision Decide(AddPartner command, Alliance alliance)
    {
        var added = new PartnerAdded(command.Id ?? Guid.CreateVersion7(), command.Name!.Trim(), command.Kind!.Value);
        var existing = alliance.PartnerById(added.PartnerId);
        return Decision.AddPart(existing is not null, existing == new Partner(added.PartnerId, added.Name, added.Kind), added.PartnerId,
            $"/api/alliances/{alliance.Id}/partners/{added.PartnerId}", added);
    }

    public static Task<Outcome> RunAsync(AddPartner? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(AddPartner), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(command!, alliance), ct));
}

public static class AddPartnerEndpoint
{
    [WolverinePost(AllianceRoute.Prefix + "/partners", OperationId = "addPartner", Summary = "Add a partner organisation (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Post(AddPartner command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AddPartnerUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();
}
