using System.Globalization;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Web;

/// <summary>Values typed into forms, read the way the browser sends them.</summary>
public static class FormValues
{
    /// <summary>A date input's value (yyyy-MM-dd) within the journal's plausible dates; null otherwise.</summary>
    public static DateOnly? Date(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && JournalDates.IsPlausible(day) ? day : null;

    /// <summary>
    /// A date-and-time input's value as the exact moment it names: forms are filled in UK time (the people who use them
    /// are there); null when it is not one, or not within the journal's plausible dates.
    /// </summary>
    public static DateTimeOffset? UkMoment(string? typed)
    {
        if (!DateTime.TryParse(typed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var moment = new DateTimeOffset(local, Words.UkTime.GetUtcOffset(local));
        return JournalDates.IsPlausible(moment) ? moment : null;
    }

    /// <summary>A moment as a date-and-time input shows it, in UK time.</summary>
    public static string UkMoment(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Words.UkTime).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Themes typed into one box, separated by commas or semicolons.</summary>
    public static IReadOnlyList<string?> Themes(string? typed) =>
        [.. (typed ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Today in the UK, as a date input's value.</summary>
    public static string Today(TimeProvider clock) => Words.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
