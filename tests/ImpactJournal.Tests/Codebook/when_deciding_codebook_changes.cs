using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure.UseCases;
using JasperFx.Events;
using Xunit;

namespace ImpactJournal.Tests.Codebook;

/// <summary>The codebook's decisions and its mapping of recorded themes to current names, with no host.</summary>
public sealed class when_deciding_codebook_changes
{
    private static readonly Guid Alliance = Guid.CreateVersion7();
    private static readonly string[] Recorded = ["housing", "homes", "food", "belonging"];

    private static AllianceCodebook Codebook(params object[] events)
    {
        var codebook = AllianceCodebook.Empty(AllianceCodebook.StreamIdOf(Alliance));
        for (var i = 0; i < events.Length; i++)
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(events[i].GetType()), events[i])!;
            e.Version = i + 1;
            e.Timestamp = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddMinutes(i);
            e.UserName = "facilitator@example.org";
            codebook = events[i] switch
            {
                ThemeRenamed => codebook.Apply((IEvent<ThemeRenamed>)e),
                ThemesMerged => codebook.Apply((IEvent<ThemesMerged>)e),
                _ => codebook.Apply((IEvent<ThemeDescribed>)e)
            };
        }
        return codebook;
    }

    private static Decision Rename(AllianceCodebook codebook, string theme, string to, Guid? id = null) =>
        RenameThemeUseCase.Decide(new RenameTheme(id, theme, to), Alliance, codebook, Recorded);

    private static Decision Merge(AllianceCodebook codebook, string into, params string[] themes) =>
        MergeThemesUseCase.Decide(new MergeThemes(null, themes, into), Alliance, codebook, Recorded);

    private static string[] ErrorsOf(Decision decision, string field) => Assert.IsType<Outcome.Invalid>(decision.Outcome).Errors[field];

    [Fact]
    public void a_rename_records_the_theme_and_its_new_name_in_the_journals_words()
    {
        var decision = Rename(Codebook(), "  Homes ", "Places to live");
        var renamed = Assert.IsType<ThemeRenamed>(Assert.Single(decision.Events));
        Assert.Equal(("homes", "places to live"), (renamed.Theme, renamed.To));
        Assert.IsType<Outcome.Saved>(decision.Outcome);
    }

    [Fact]
    public void a_rename_onto_a_theme_in_use_is_refused_saying_to_merge_instead()
    {
        var decision = Rename(Codebook(), "homes", "Housing");
        Assert.Empty(decision.Events);
        Assert.Contains("Merge “homes” into “housing” instead", Assert.Single(ErrorsOf(decision, "to")));
    }

    [Fact]
    public void an_unknown_theme_an_unchanged_name_and_a_merge_into_itself_are_refused()
    {
        Assert.Contains("No theme “gardens”", Assert.Single(ErrorsOf(Rename(Codebook(), "gardens", "allotments"), "theme")));
        Assert.Single(ErrorsOf(Rename(Codebook(), "food", " FOOD"), "to"));
        Assert.Contains("into itself", Assert.Single(ErrorsOf(Merge(Codebook(), "housing", "homes", "Housing"), "themes[1]")));
        Assert.Contains("No theme “gardens”", Assert.Single(ErrorsOf(Merge(Codebook(), "housing", "gardens"), "themes[0]")));
    }

    [Fact]
    public void empty_names_and_an_empty_merge_are_refused_before_any_decision()
    {
        Assert.Contains("to", RenameThemeUseCase.Validate(new RenameTheme(null, "homes", "  ")).Keys);
        Assert.Contains("themes", MergeThemesUseCase.Validate(new MergeThemes(null, [], "housing")).Keys);
        Assert.Contains("themes[0]", MergeThemesUseCase.Validate(new MergeThemes(null, [""], "housing")).Keys);
        Assert.Contains("description", DescribeThemeUseCase.Validate(new DescribeTheme("housing", new string('x', 2001))).Keys);
    }

    [Fact]
    public void a_retry_with_the_same_id_records_nothing_and_a_different_change_under_it_is_a_conflict()
    {
        var id = Guid.CreateVersion7();
        var codebook = Codebook(new ThemeRenamed(id, "homes", "places to live"));
        var retried = Rename(codebook, "homes", "places to live", id);
        Assert.Empty(retried.Events);
        Assert.IsType<Outcome.AlreadyThere>(retried.Outcome);
        Assert.IsType<Outcome.Conflict>(Rename(codebook, "food", "meals", id).Outcome);
    }

    [Fact]
    public void merged_and_renamed_names_read_as_the_current_name_through_every_step()
    {
        var codebook = Codebook(
            new ThemesMerged(Guid.CreateVersion7(), ["homes"], "housing"),
            new ThemeRenamed(Guid.CreateVersion7(), "housing", "a home"));

        Assert.Equal("a home", codebook.CurrentNameOf("Homes "));
        Assert.Equal("a home", codebook.CurrentNameOf("housing"));
        Assert.Equal("food", codebook.CurrentNameOf("Food"));
        Assert.Equal(["a home", "food"], codebook.CurrentNamesOf(["homes", "housing", "food"]));
        Assert.Equal(["a home", "homes", "housing"], codebook.RecordedNamesOf("A Home"));
    }

    [Fact]
    public void renaming_back_to_a_former_name_gives_every_record_that_name_again()
    {
        var codebook = Codebook(new ThemeRenamed(Guid.CreateVersion7(), "homes", "housing and homes"));
        var back = Rename(codebook, "housing and homes", "homes");
        var renamed = Assert.IsType<ThemeRenamed>(Assert.Single(back.Events));
        codebook = Codebook(new ThemeRenamed(Guid.CreateVersion7(), "homes", "housing and homes"), renamed);

        Assert.Equal("homes", codebook.CurrentNameOf("homes"));
        Assert.Equal("homes", codebook.CurrentNameOf("housing and homes"));
        Assert.Empty(codebook.FormerNamesOf("housing and homes"));
    }

    [Fact]
    public void a_former_name_cannot_become_the_name_of_another_theme()
    {
        var codebook = Codebook(new ThemesMerged(Guid.CreateVersion7(), ["homes"], "housing"));
        Assert.Contains("reads as “housing”", Assert.Single(ErrorsOf(Rename(codebook, "food", "homes"), "to")));
        Assert.Contains("reads as “housing”", Assert.Single(ErrorsOf(Rename(codebook, "homes", "dwellings"), "theme")));
    }

    [Fact]
    public void a_description_moves_with_a_merged_theme_to_a_theme_with_none()
    {
        var codebook = Codebook(
            new ThemeDescribed("homes", "Somewhere safe to live."),
            new ThemesMerged(Guid.CreateVersion7(), ["homes"], "housing"));
        Assert.Equal("Somewhere safe to live.", codebook.DescriptionOf("housing"));

        var same = DescribeThemeUseCase.Decide(new DescribeTheme("Housing", "Somewhere safe to live."), Alliance, codebook, Recorded);
        Assert.Empty(same.Events);
    }
}
