using ImpactJournal.Journal;
using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>The pure parts of logging an observation, with no host and no database.</summary>
public sealed class when_deciding_an_observation
{
    private static readonly FixedClock Clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));

    private static LogObservation Command(string? text = " Two neighbours cooked together. ", DateTimeOffset? observedAt = null) => new(
        Guid.CreateVersion7(), text, observedAt ?? DateTimeOffset.Parse("2026-11-30T10:30:00Z"), "  ",
        ["Food ", "food", "cooking"], [CommunityCapital.Social, CommunityCapital.Social], Valence.Generative, null,
        new ConsentInput(ConsentScope.Alliance, false));

    [Fact]
    public void a_valid_command_has_no_field_errors() => Assert.Empty(LogObservationUseCase.Validate(Command(), Clock));

    [Fact]
    public void a_missing_body_an_empty_text_and_a_future_moment_are_named_by_field()
    {
        Assert.Equal(["body"], LogObservationUseCase.Validate(null, Clock).Keys);
        var errors = LogObservationUseCase.Validate(Command(text: " ", observedAt: Clock.GetUtcNow().AddDays(2)), Clock);
        Assert.Equal(["observedAt", "text"], errors.Keys.Order());
    }

    [Fact]
    public void the_event_keeps_the_words_trimmed_the_themes_and_capitals_once_and_no_empty_place()
    {
        var command = Command();
        var partner = Guid.CreateVersion7();
        var logged = LogObservationUseCase.Decide(command, partner, []);

        Assert.Equal(command.Id, logged.ObservationId);
        Assert.Equal("Two neighbours cooked together.", logged.Text);
        Assert.Null(logged.Place);
        Assert.Equal(["food", "cooking"], logged.Themes);
        Assert.Equal([CommunityCapital.Social], logged.Capitals);
        Assert.Equal(partner, logged.PartnerId);
        Assert.Null(logged.WithPartners);
    }
}
