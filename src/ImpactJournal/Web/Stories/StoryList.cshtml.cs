using ImpactJournal.Access;
using ImpactJournal.Infrastructure;
using ImpactJournal.Journal;
using ImpactJournal.Stories;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The stories this person may read under each teller's consent, most recently told first; a
/// commissioner's list holds only what tellers allowed commissioners to read. The API's own query.
/// </summary>
public sealed class StoryListModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock)
    : AlliancePage(directory)
{
    public const int Shown = 30;

    [FromQuery]
    public bool Selected { get; set; }

    [FromQuery]
    public bool Ours { get; set; }

    [FromQuery]
    public string? After { get; set; }

    public Page<Story> Stories { get; private set; } = new([], null);

    public bool MayTell => Member.Role is not AllianceRole.Commissioner;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync() is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var query = ReadStoriesEndpoint.Readable(session, Member.Role, today, Ours ? Member.PartnerId : null, Selected);
        var (_, after, problem) = KeysetCursor.Read(Shown, After);
        if (problem is null && after is var (day, sequence) && day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber)
        {
            var toldOn = DateOnly.FromDayNumber((int)day);
            query = query.Where(s => s.ToldOn <= toldOn).Where(s => s.ToldOn < toldOn || (s.ToldOn == toldOn && s.Sequence < sequence));
        }
        var rows = await OwnWrites.ListAsync(query.OrderByDescending(s => s.ToldOn).ThenByDescending(s => s.Sequence).Take(Shown + 1),
            session, dataSource, Subject, ct);
        Stories = KeysetCursor.Page(rows, Shown, s => ((long)s.ToldOn.DayNumber, s.Sequence));
        return Page();
    }

    public string PartnerName(Guid partnerId) => Alliance.PartnerById(partnerId)?.Name ?? "a former partner";
}
