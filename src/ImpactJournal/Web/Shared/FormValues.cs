using System.Globalization;
using ImpactJournal.Infrastructure;

namespace ImpactJournal.Web;

/// <summary>Values typed into forms, read the way the browser sends them.</summary>
public static class FormValues
{
    /// <summary>A date input's value (yyyy-MM-dd) within the journal's plausible dates; null otherwise.</summary>
    public static DateOnly? Date(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && JournalDates.IsPlausible(day) ? day : null;

    /// <summary>Today in the UK, as a date input's value.</summary>
    public static string Today(TimeProvider clock) => Words.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
