using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ImpactJournal.Alliances;

/// <summary>A relational commitment the partners sign up to.</summary>
public sealed record AddImperative(Guid? Id, string? Text);

/// <summary>Adding a relational commitment: the one implementation behind the API and the settings page.</summary>
public static class AddImperativeUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(AddImperative? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("text", command.Text, AllianceLimits.Text)
            .ToErrors();

    public static Decision Decide(AddImperative command, Alliance alliance)
    {
        var added = new ImperativeAdded(command.Id ?? Guid.CreateVersion7(), command.Text!.Trim());
        var existing = alliance.Imperatives.FirstOrDefault(i => i.Id == added.ImperativeId);
        return Decision.AddPart(existing is not null, existing?.Text == added.Text, added.ImperativeId,
            $"/api/alliances/{alliance.Id}/imperatives/{added.ImperativeId}", added);
    }

    public static Task<Outcome> RunAsync(AddImperative? command, ActingMember acting, IDocumentStore store, CancellationToken ct) =>
        UseCase.TracedAsync(nameof(AddImperative), acting, async () =>
            UseCase.Refusal(Validate(command)) ?? await AllianceChange.ApplyAsync(store, acting, alliance => Decide(command!, alliance), ct));
}

public static class AddImperativeEndpoint
{
    [WolverinePost(AllianceRoute.Prefix + "/imperatives", OperationId = "addImperative", Summary = "Add a relational commitment (steward)")]
    [Authorize(Policy = AllianceAccess.Steward)]
    public static async Task<IResult> Post(AddImperative command, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        (await AddImperativeUseCase.RunAsync(command, ActingMember.Of(http), store, ct)).ToHttp();
}
