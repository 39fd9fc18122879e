using System.Globalization;
using ImpactJournal.Web;

namespace ImpactJournal.Demo;

/// <summary>
/// Moves the demo alliance from the day its file was written for (its <c>asOf</c>) to the day it is loaded, so a
/// newcomer meets a living alliance: last week's observations, this quarter's check-in, a map that grew last month.
/// Days and moments move by whole weeks, keeping their weekday and UK time of day (the meal stays a Tuesday lunch);
/// periods and quarterly readings move by whole quarters, so the file's current quarter becomes today's and a
/// quarter still runs from its first day to its last. The two steps differ by less than a quarter.
/// </summary>
public sealed record DemoCalendar(int Weeks, int Quarters)
{
    /// <summary>The steps that bring <paramref name="asOf"/> into the week that ends today, and its quarter to today's.</summary>
    public static DemoCalendar Between(DateOnly asOf, DateOnly today) =>
        new((int)Math.Floor((today.DayNumber - asOf.DayNumber) / 7.0), QuarterNumber(today) - QuarterNumber(asOf));

    public DateOnly Day(DateOnly day) => day.AddDays(7 * Weeks);

    public DateTimeOffset Moment(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Words.UkTime).DateTime.AddDays(7 * Weeks);
        // A time the clocks skip in spring does not exist in the UK: it is read as the hour after.
        if (Words.UkTime.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, Words.UkTime.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A period's first or last day, or a quarter's reading: the last day of a month stays the last.</summary>
    public DateOnly PeriodDay(DateOnly day)
    {
        var moved = day.AddMonths(3 * Quarters);
        return day.Day == DateTime.DaysInMonth(day.Year, day.Month)
            ? new DateOnly(moved.Year, moved.Month, DateTime.DaysInMonth(moved.Year, moved.Month))
            : moved;
    }

    /// <summary>A title with "{quarter}" ("Third quarter 2026") or "{period}" ("May to October 2026") named for its period.</summary>
    public static string Title(string title, DateOnly start, DateOnly end) => title
        .Replace("{quarter}", $"{QuarterNames[(start.Month - 1) / 3]} quarter {start.Year}")
        .Replace("{period}", start.Year == end.Year
            ? $"{MonthName(start)} to {MonthName(end)} {end.Year}"
            : $"{MonthName(start)} {start.Year} to {MonthName(end)} {end.Year}");

    private static readonly string[] QuarterNames = ["First", "Second", "Third", "Fourth"];

    private static string MonthName(DateOnly day) => day.ToString("MMMM", CultureInfo.InvariantCulture);

    private static int QuarterNumber(DateOnly day) => day.Year * 4 + (day.Month - 1) / 3;
}
