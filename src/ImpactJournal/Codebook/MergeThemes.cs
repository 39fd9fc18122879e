using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Journal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ImpactJournal.RippleMaps;
using Npgsql;
using Wolverine.Http;

namespace ImpactJournal.Codebook;

/// <summary>Read <c>themes</c> as one theme, <c>into</c> (an existing theme or a new name). <c>id</c> (optional) makes a retry safe.</summary>
public sealed record MergeThemes(Guid? Id, IReadOnlyList<string?>? Themes, string? Into);

/// <summary>Merging themes that mean the same: the one implementation behind the API and the codebook page's "Merge".</summary>
public static class MergeThemesUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(MergeThemes? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation()
            .NotEmpty("id", command.Id)
            .TextList("themes", command.Themes, Themes.MaxCount, Themes.MaxLength)
            .Text("into", command.Into, Themes.MaxLength);
        if (command.Themes is not { Count: > 0 }) validation.Add("themes", "Name at least one theme to merge.");
        return validation.ToErrors();
    }

    /// <summary>The merge, when every theme named is one of the codebook's and none is the theme merged into.</summary>
    public static Decision Decide(MergeThemes command, Guid allianceId, AllianceCodebook codebook, IEnumerable<string> recordedThemes)
    {
        var merged = command.Themes!.Select(CodebookRules.Words).ToList();
        var into = CodebookRules.Words(command.Into);
        var id = command.Id ?? Guid.CreateVersion7();
        var location = CodebookRules.Location(allianceId);
        var distinct = merged.Distinct().ToList();
        if (CodebookRules.Retry(codebook, id, "merged", distinct, into, location) is { } retry) return retry;

        var themes = CodebookRules.ThemesOf(codebook, recordedThemes);
        var validation = new Validation();
        for (var i = 0; i < merged.Count; i++)
        {
            if (merged[i] == into) validation.Add($"themes[{i}]", $"A theme cannot be merged into itself: “{into}” is the theme merged into.");
            else if (CodebookRules.NotATheme(merged[i], codebook, themes) is { } unknown) validation.Add($"themes[{i}]", unknown);
        }
        if (codebook.IsFormerName(into) && !distinct.Contains(codebook.CurrentNameOf(into)))
            validation.Add("into", $"“{into}” reads as “{codebook.CurrentNameOf(into)}” now: merge into that.");
        if (!validation.IsValid) return new Outcome.Invalid(validation.ToErrors());
        return Decision.Append(Outcome.Created(id, location, CodebookRules.Answer(id, "merged", distinct, into)), new ThemesMerged(id, distinct, into));
    }

    public static Task<Outcome> RunAsync(MergeThemes? command, ActingMember acting, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(MergeThemes), acting, async () =>
            UseCase.Refusal(Validate(command))
            ?? await CodebookWriter.ChangeAsync(store, dataSource, states, acting, (codebook, recorded) => Decide(command!, acting.AllianceId, codebook, recorded), ct));
}

public static class MergeThemesEndpoint
{
    /// <summary>
    /// Merge themes into one (facilitators and stewards): into an existing theme, or under a new name. The records keep
    /// the words they were coded with; lists, filters, counts and exports read them under the merged name from now on.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/codebook/merges", OperationId = "mergeThemes",
        Summary = "Merge themes of the codebook into one; records keep their words, reads use the merged name")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    [ProducesResponseType<CodebookChangeAnswer>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(MergeThemes command, HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) =>
        (await MergeThemesUseCase.RunAsync(command, ActingMember.Of(http), store, dataSource, states, ct)).ToHttp();
}
