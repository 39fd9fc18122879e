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

/// <summary>What a theme is about; an empty description clears it.</summary>
public sealed record DescribeTheme(string? Theme, string? Description);

public sealed record ThemeDescription(string Theme, string? Description);

/// <summary>Describing a theme: the one implementation behind the API and the codebook page's "Describe".</summary>
public static class DescribeThemeUseCase
{
    public static IReadOnlyDictionary<string, string[]> Validate(DescribeTheme? command)
    {
        if (command is null) return Validation.MissingBodyErrors();
        var validation = new Validation().Text("theme", command.Theme, Themes.MaxLength)
            .Text("description", command.Description, CodebookLimits.Description, required: false);
        if (command.Description is null) validation.Add("description", "Required (an empty description clears it).");
        return validation.ToErrors();
    }

    /// <summary>The description, when the theme is one of the codebook's; the description it has already records nothing.</summary>
    public static Decision Decide(DescribeTheme command, Guid allianceId, AllianceCodebook codebook, IEnumerable<string> recordedThemes)
    {
        var theme = CodebookRules.Words(command.Theme);
        var description = command.Description!.Trim();
        var location = CodebookRules.Location(allianceId);
        var answer = new ThemeDescription(theme, description.Length == 0 ? null : description);
        if (CodebookRules.NotATheme(theme, codebook, CodebookRules.ThemesOf(codebook, recordedThemes)) is { } unknown)
            return Outcome.InvalidField("theme", unknown);
        if ((codebook.DescriptionOf(theme) ?? "") == description) return Outcome.Changed(codebook.Id, location, answer);
        return Decision.Append(Outcome.Changed(codebook.Id, location, answer), new ThemeDescribed(theme, description));
    }

    public static Task<Outcome> RunAsync(DescribeTheme? command, ActingMember acting, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) => UseCase.TracedAsync(nameof(DescribeTheme), acting, async () =>
            UseCase.Refusal(Validate(command))
            ?? await CodebookWriter.ChangeAsync(store, dataSource, states, acting, (codebook, recorded) => Decide(command!, acting.AllianceId, codebook, recorded), ct));
}

public static class DescribeThemeEndpoint
{
    /// <summary>Say what a theme of the codebook is about (facilitators and stewards); an empty description clears it.</summary>
    [WolverinePost(AllianceRoute.Prefix + "/codebook/descriptions", OperationId = "describeTheme",
        Summary = "Describe a theme of the codebook (an empty description clears it)")]
    [Authorize(Policy = AllianceAccess.Facilitate)]
    [ProducesResponseType<ThemeDescription>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(DescribeTheme command, HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource,
        RippleMapStates states, CancellationToken ct) =>
        (await DescribeThemeUseCase.RunAsync(command, ActingMember.Of(http), store, dataSource, states, ct)).ToHttp();
}
