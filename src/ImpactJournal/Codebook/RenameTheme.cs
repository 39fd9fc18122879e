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

/// <summary>Give a theme of the codebook a new name. <c>id</c> (optional) makes a retry safe.</summary>
public sealed record RenameTheme(Guid? Id, string? Theme, string? To);

/// <summary>Renaming a theme: the one implementation behind the API and the codebook page's "Rename".</summary>
public static class RenameThemeUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(RenameTheme? command) => command is null
        ? Validation.MissingBodyErrors()
        : new Validation()
            .NotEmpty("id", command.Id)
            .Text("theme", command.Theme, Themes.MaxLength)
            .Text("to", command.To, Themes.MaxLength)
            .ToErrors();

    /// <summary>
    /// The rename, when the theme is one of the codebook's and the new name is free. A name already in use is refused
    /// with "merge instead": a rename never joins two themes by accident. Renaming back to a name it had is allowed.
    /// </summary>
    public static Decision Decide(RenameTheme command, Guid allianceId, AllianceCodebook codebook, IEnumerable<string> recordedThemes)
    {
        var (theme, to) = (CodebookRules.Words(command.Theme), CodebookRules.Words(command.To));
        var id = command.Id ?? Guid.CreateVersion7();
        var location = CodebookRules.Location(allianceId);
        if (CodebookRules.Retry(codebook, id, "renamed", [theme], to, location) is { } retry) return retry;

        var themes = CodebookRules.ThemesOf(codebook, recordedThemes);
        if (CodebookRules.NotATheme(theme, codebook, themes) is { } unknown) return Outcome.InvalidField("theme", unknown);
        if (to == theme) return Outcome.InvalidField("to", "That is its name already.");
        if (themes.Contains(to)) return Outcome.InvalidField("to", $"“{to}” is already a theme. Merge “{theme}” into “{to}” instead.");
        if (codebook.IsFormerName(to) && codebook.CurrentNameOf(to) != theme)
            return Outcome.InvalidField("to", $"“{to}” reads as “{codebook.CurrentNameOf(to)}” now. Choose another name, or merge into “{codebook.CurrentNameOf(to)}”.");
        return Decision.Append(Outcome.Created(id, location, CodebookRules.Answer(id, "renamed", [theme], to)), new ThemeRenamed(id, theme, to));
    }

    public static Task<Outcome> RunAsync(RenameTheme? command, ActingMember acting, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(RenameTheme), acting, async () =>
            UseCase.Refusal(Validate(command))
            ?? await CodebookWriter.ChangeAsync(store, dataSource, states, acting, (codebook, recorded) => Decide(command!, acting.AllianceId, codebook, recorded), ct));
}

public static class RenameThemeEndpoint
{
    /// <summary>
    /// Rename a theme (facilitators and stewards). The records keep the words they were coded with; every list, filter,
    /// count and export reads the new name from now on. A name already in use answers 400 saying to merge instead.
    /// </summary>
    [WolverinePost(AllianceRoute.Prefix + "/codebook/renames", OperationId = "renameTheme",
        Summary = "Rename a theme of the codebook; records keep their words, reads use the new name")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    [ProducesResponseType<CodebookChangeAnswer>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(RenameTheme command, HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) =>
        (await RenameThemeUseCase.RunAsync(command, ActingMember.Of(http), store, dataSource, states, ct)).ToHttp();
}
