using ImpactJournal.Access;
using ImpactJournal.Codebook;
using ImpactJournal.Infrastructure;
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

    /// <summary>"mine" (the default) or "organisation": everything logged for the person's partner organisation.</summary>
    [FromQuery]
    public string? Whose { get; set; }

    [FromQuery]
    public string? Theme { get; set; }

    [FromQuery]
    public CommunityCapital? Capital { get; set; }

    [FromQuery]
    public DateOnly? From { get; set; }

    [FromQuery]
    public DateOnly? To { get; set; }

    public bool Organisation => Whose == "organisation" && Member.PartnerId is not null;

    public bool Filtered => Theme is { Length: > 0 } || Capital is not null || From is not null || To is not null;

    public IReadOnlyList<Observation> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EnterAsync(AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Steward) is { } refused) return refused;
        await using var session = store.QuerySession(AllianceId.ToString());
        var query = session.Query<Observation>().Where(o => o.WithdrawnAt == null);
        var partnerId = Member.PartnerId;
        query = Organisation ? query.Where(o => o.PartnerId == partnerId) : query.Where(o => o.LoggedBy == Subject);
        var codebook = await Codebooks.OfAllianceAsync(session, ct);
        if (!string.IsNullOrWhiteSpace(Theme)) query = query.CodedAs(codebook, Theme);
        if (Capital is { } capital) query = query.Where(o => o.Capitals.Contains(capital));
        if (From is { } from && JournalDates.IsPlausible(from))
        {
            var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.ObservedAtUtc >= since);
        }
        if (To is { } to && JournalDates.IsPlausible(to))
        {
            var until = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.ObservedAtUtc < until);
        }
        var entries = await OwnWrites.ListAsync(query.OrderByDescending(o => o.LoggedAtUtc).Take(Shown), session, dataSource, Subject, ct);
        Entries = [.. entries.Select(o => o.InCodebook(codebook))];
        return Page();
    }
}
