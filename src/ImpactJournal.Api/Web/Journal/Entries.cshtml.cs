using ImpactJournal.Access;
using ImpactJournal.Journal;
using ImpactJournal.Observations;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ImpactJournal.Web;

/// <summary>
/// The person's own recent entries, newest first. What they have just saved is always here: the list
/// waits (briefly) for the journal's projection to reach their last write, as the API's list does.
/// </summary>
public sealed class EntriesModel(AllianceDirectory directory, IDocumentStore store, NpgsqlDataSource dataSource) : AlliancePage(directory)
{
    public const int Shown = 50;

    [FromQuery]
    public Guid? Saved { get; set; }

    public IReadOnlyList<Observation> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        await OwnWrites.WaitForProjectionAsync<Observation>(session, dataSource, Subject, ct);
        Entries = await session.Query<Observation>().Where(o => o.LoggedBy == Subject && o.WithdrawnAt == null)
            .OrderByDescending(o => o.LoggedAt).Take(Shown).ToListAsync(ct);
        return Page();
    }
}
