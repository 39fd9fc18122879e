using System.Text.Json;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure.UseCases;
using Xunit;

namespace ImpactJournal.Tests.Indicators;

/// <summary>The pure parts of proposing, adopting, redefining, retiring an indicator and recording and importing its readings: no host, no database.</summary>
public sealed class when_deciding_indicators
{
    private static readonly Guid Alliance = Guid.CreateVersion7();
    private static readonly DateOnly Day = new(2026, 11, 6);

    private static Indicator Proposed(params Reading[] readings)
    {
        var proposed = new IndicatorProposed(Guid.CreateVersion7(), "Meals shared", "How many meals?", IndicatorUnit.Count, "Count plates.", "The panel", null);
        return new Indicator(proposed.IndicatorId, proposed.Name, proposed.ProposedBy, null, IndicatorStatus.Proposed, null, null,
            [new IndicatorDefinition(1, proposed.Question, proposed.Unit, proposed.Method, DateTimeOffset.UnixEpoch)], [.. readings], proposed);
    }

    private static Indicator Adopted(DateOnly on) => Proposed() with { Status = IndicatorStatus.Adopted, AdoptedOn = on };

    private static Indicator Retired(string reason) => Proposed() with { Status = IndicatorStatus.Retired, RetiredReason = reason };

    private static Reading ReadingOn(DateOnly day, Guid? id = null, double value = 12) =>
        new(id ?? Guid.CreateVersion7(), value, day, null, null, null, [], 1, "someone", DateTimeOffset.UnixEpoch);

    private static RecordReading Reading(Guid? id = null, double? value = 12, DateOnly? on = null, string? note = null) =>
        new(id ?? Guid.CreateVersion7(), value, on ?? Day, null, null, note, null);

    private static string Json(Outcome outcome) => JsonSerializer.Serialize(((Outcome.Saved)outcome).Body, JsonSerializerOptions.Web);

    private static string TitleOf(Decision decision) => Assert.IsType<Outcome.Conflict>(decision.Outcome).Title;

    [Fact]
    public void a_proposal_needs_its_words_and_a_known_unit()
    {
        Assert.Equal(["body"], ProposeIndicatorUseCase.Validate(null).Keys);
        Assert.Empty(ProposeIndicatorUseCase.Validate(new ProposeIndicator(null, "Meals", "How many?", IndicatorUnit.Count, "Count.", "The panel", null)));
        var errors = ProposeIndicatorUseCase.Validate(new ProposeIndicator(Guid.Empty, " ", null, (IndicatorUnit)99, "Count.", "The panel", null));
        Assert.Equal(["id", "name", "question", "unit"], errors.Keys.Order());
    }

    [Fact]
    public void a_proposal_keeps_its_words_trimmed_and_no_empty_narrative()
    {
        var id = Guid.CreateVersion7();
        var proposed = ProposeIndicatorUseCase.Decide(new ProposeIndicator(id, " Meals ", " How many? ", IndicatorUnit.Percent, " Count. ", " The panel ", "  "));
        Assert.Equal(new IndicatorProposed(id, "Meals", "How many?", IndicatorUnit.Percent, "Count.", "The panel", null), proposed);
    }

    [Fact]
    public void adopting_needs_a_day()
    {
        Assert.Equal(["body"], AdoptIndicatorUseCase.Validate(null).Keys);
        Assert.Equal(["adoptedOn"], AdoptIndicatorUseCase.Validate(new AdoptIndicator(null)).Keys);
    }

    [Fact]
    public void a_proposed_indicator_is_adopted_once_and_the_same_day_again_records_nothing()
    {
        var indicator = Proposed();
        var adopted = AdoptIndicatorUseCase.Decide(indicator, new AdoptIndicator(Day), Alliance);
        Assert.Equal([new IndicatorAdopted(Day)], adopted.Events);
        Assert.Equal($$"""{"id":"{{indicator.Id}}","status":"adopted","adoptedOn":"2026-11-06"}""", Json(adopted.Outcome));

        var again = AdoptIndicatorUseCase.Decide(Adopted(Day), new AdoptIndicator(Day), Alliance);
        Assert.Empty(again.Events);
        Assert.IsType<Outcome.Saved>(again.Outcome);
    }

    [Fact]
    public void adopting_on_another_day_or_after_retirement_is_refused()
    {
        Assert.Equal("Already adopted", TitleOf(AdoptIndicatorUseCase.Decide(Adopted(Day), new AdoptIndicator(Day.AddDays(1)), Alliance)));
        Assert.Equal("Indicator retired", TitleOf(AdoptIndicatorUseCase.Decide(Retired("Stopped"), new AdoptIndicator(Day), Alliance)));
    }

    [Fact]
    public void retiring_needs_a_reason_and_the_same_reason_again_records_nothing()
    {
        Assert.Equal(["reason"], RetireIndicatorUseCase.Validate(new RetireIndicator(" ")).Keys);
        var retired = RetireIndicatorUseCase.Decide(Proposed(), new RetireIndicator(" The survey stopped "), Alliance);
        Assert.Equal([new IndicatorRetired("The survey stopped")], retired.Events);

        Assert.Empty(RetireIndicatorUseCase.Decide(Retired("The survey stopped"), new RetireIndicator("The survey stopped "), Alliance).Events);
        Assert.Equal("Indicator retired", TitleOf(RetireIndicatorUseCase.Decide(Retired("The survey stopped"), new RetireIndicator("Another"), Alliance)));
    }

    [Fact]
    public void a_redefinition_changes_something_in_known_words()
    {
        Assert.Equal(["body"], RedefineIndicatorUseCase.Validate(new RedefineIndicator(null, null, null, null, null)).Keys);
        Assert.Equal(["unit"], RedefineIndicatorUseCase.Validate(new RedefineIndicator(null, null, (IndicatorUnit)99, null, null)).Keys);
        Assert.Empty(RedefineIndicatorUseCase.Validate(new RedefineIndicator("New name", null, null, null, null)));
    }

    [Fact]
    public void a_new_method_starts_a_definition_version_and_a_new_name_alone_does_not()
    {
        var indicator = Proposed();
        var method = RedefineIndicatorUseCase.Decide(indicator, new RedefineIndicator("Meals shared", " How many meals? ", IndicatorUnit.Count, "Count every plate.", ""), Alliance);
        Assert.Equal([new IndicatorRedefined(2, null, null, null, "Count every plate.", null)], method.Events);
        Assert.Equal($$"""{"id":"{{indicator.Id}}","definitionVersion":2}""", Json(method.Outcome));

        var name = RedefineIndicatorUseCase.Decide(indicator, new RedefineIndicator("Meals eaten together", null, null, null, null), Alliance);
        Assert.Equal([new IndicatorRedefined(1, "Meals eaten together", null, null, null, null)], name.Events);

        Assert.Empty(RedefineIndicatorUseCase.Decide(indicator, new RedefineIndicator("Meals shared", null, IndicatorUnit.Count, null, null), Alliance).Events);
        Assert.Equal("Indicator retired", TitleOf(RedefineIndicatorUseCase.Decide(Retired("Stopped"), new RedefineIndicator("New", null, null, null, null), Alliance)));
    }

    [Fact]
    public void a_reading_needs_a_finite_value_a_day_and_no_negative_sample()
    {
        Assert.Equal(["body"], RecordReadingUseCase.Validate(null).Keys);
        Assert.Empty(RecordReadingUseCase.Validate(Reading()));
        var errors = RecordReadingUseCase.Validate(new RecordReading(Guid.Empty, double.PositiveInfinity, null, -1, null, null, [null]));
        Assert.Equal(["id", "linked[0]", "observedOn", "sampleSize", "value"], errors.Keys.Order());
    }

    [Fact]
    public void a_reading_is_bound_to_the_definition_in_force_and_created_at_its_own_address()
    {
        var indicator = Proposed() with { Definitions = [.. Proposed().Definitions, new IndicatorDefinition(2, "q", IndicatorUnit.Count, "m", DateTimeOffset.UnixEpoch)] };
        var command = Reading(note: "  ");
        var decision = RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), command, [], Alliance);

        Assert.Equal([new ReadingRecorded(command.Id!.Value, 12, Day, null, null, null, [], 2)], decision.Events);
        var created = Assert.IsType<Outcome.Saved>(decision.Outcome);
        Assert.True(created.IsNew);
        Assert.Equal($"/api/alliances/{Alliance}/indicators/{indicator.Id}/readings/{command.Id}", created.Location);
    }

    [Fact]
    public void the_same_reading_again_is_already_there_and_its_id_with_another_value_a_conflict()
    {
        var earlier = ReadingOn(Day);
        var indicator = Proposed(earlier);
        var again = RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), Reading(earlier.Id), [], Alliance);
        Assert.Empty(again.Events);
        Assert.IsType<Outcome.AlreadyThere>(again.Outcome);

        var different = RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), Reading(earlier.Id, value: 13), [], Alliance);
        Assert.Equal("This id is already used for something different", TitleOf(different));
    }

    [Fact]
    public void a_second_reading_on_a_day_needs_a_note_and_a_retired_indicator_takes_none()
    {
        var indicator = Proposed(ReadingOn(Day));
        Assert.Equal("Already a reading on this day", TitleOf(RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), Reading(), [], Alliance)));
        Assert.Single(RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), Reading(note: "Recounted"), [], Alliance).Events);

        var retired = Retired("Stopped");
        Assert.Equal("Indicator retired", TitleOf(RecordReadingUseCase.Decide(retired, ReadingIndex.Of(retired), Reading(), [], Alliance)));
    }

    [Fact]
    public void a_full_definition_version_takes_no_more_readings()
    {
        var first = new DateOnly(1990, 1, 1);
        var indicator = Proposed([.. Enumerable.Range(0, Indicator.MaxReadingsPerDefinition).Select(d => ReadingOn(first.AddDays(d)))]);
        var refused = RecordReadingUseCase.Decide(indicator, ReadingIndex.Of(indicator), Reading(on: new DateOnly(2026, 1, 1)), [], Alliance);
        Assert.Equal("This definition holds the most readings it can", TitleOf(refused));
    }

    [Fact]
    public void an_import_keeps_the_good_rows_counts_duplicates_and_reports_the_rest_by_line()
    {
        var earlier = ReadingOn(Day);
        var indicator = Proposed(earlier);
        var file = new ReadingsFile(new Dictionary<string, string[]>(),
        [
            new ReadingRow(2, Reading(on: Day.AddDays(7)), new Dictionary<string, string[]>()),
            new ReadingRow(3, null, new Dictionary<string, string[]> { ["value"] = ["A number."] }),
            new ReadingRow(4, Reading(earlier.Id), new Dictionary<string, string[]>()),
            new ReadingRow(5, Reading(on: Day.AddDays(7)), new Dictionary<string, string[]>()),
            new ReadingRow(6, Reading(value: double.NaN), new Dictionary<string, string[]>())
        ]);

        var decision = ImportReadingsUseCase.Decide(indicator, file, Alliance);

        Assert.Equal([Day.AddDays(7)], decision.Events.Cast<ReadingRecorded>().Select(r => r.ObservedOn));
        var result = Assert.IsType<ImpactJournal.Observations.ImportResult>(Assert.IsType<Outcome.Saved>(decision.Outcome).Body);
        Assert.Equal((1, 1, 3), (result.Imported, result.Duplicates, result.RejectedTotal));
        Assert.Equal([3L, 5L, 6L], result.Rejected.Select(r => r.Line));
        Assert.Equal(["value"], result.Rejected[0].Errors.Keys);
        Assert.Contains("Add a note", result.Rejected[1].Errors["row"][0]);
        Assert.Equal(["value"], result.Rejected[2].Errors.Keys);
    }

    [Fact]
    public void an_import_into_a_retired_indicator_is_refused_before_its_header_is_judged()
    {
        var badHeader = new ReadingsFile(new Dictionary<string, string[]> { ["header"] = ["Missing column 'value'."] }, []);
        Assert.Equal("Indicator retired", TitleOf(ImportReadingsUseCase.Decide(Retired("Stopped"), badHeader, Alliance)));
        var invalid = Assert.IsType<Outcome.Invalid>(ImportReadingsUseCase.Decide(Proposed(), badHeader, Alliance).Outcome);
        Assert.Equal(["header"], invalid.Errors.Keys);
    }
}
