using ImpactJournal.Journal;
using ImpactJournal.LearningReviews;
using ImpactJournal.RippleMaps;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace ImpactJournal.Codebook;

/// <summary>
/// When consent is withdrawn from a record, the theme words it was coded with that no remaining record carries are
/// erased from the codebook's stored renames, merges and descriptions (with Marten's event data masking, as the record's
/// own events are), and so from its snapshot and every read. A description of a theme that no remaining record reads
/// as, or naming an erased word, is erased too. A <see cref="ThemeWordsErased"/> event records that it happened.
/// </summary>
public static class CodebookErasure
{
    /// <summary>What is being erased: the masking rules are registered once per store, so they read the words from here.</summary>
    private sealed record Erasing(IReadOnlySet<string> Names, IReadOnlySet<string> Described);

    private static readonly AsyncLocal<Erasing?> Current = new();

    public static void AddCodebookMasking(this StoreOptions opts)
    {
        opts.Events.AddMaskingRuleForProtectedInformation<ThemeRenamed>(e => e with { Theme = Erased(e.Theme), To = Erased(e.To) });
        opts.Events.AddMaskingRuleForProtectedInformation<ThemesMerged>(e => e with { Themes = [.. e.Themes.Select(Erased)], Into = Erased(e.Into) });
        opts.Events.AddMaskingRuleForProtectedInformation<ThemeDescribed>(e =>
            Current.Value is { } erasing && Erases(e, erasing) ? new ThemeDescribed(Erased(e.Theme), "") : e);
    }

    /// <summary>An erased name reads as empty: no record is ever coded with an empty theme, and no reader is shown one.</summary>
    private static string Erased(string name) => Current.Value?.Names.Contains(name) == true ? "" : name;

    private static bool Mentions(string text, IEnumerable<string> names) =>
        names.Any(name => text.Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Erases from the codebook of <paramref name="allianceId"/> the <paramref name="themes"/> the withdrawn record
    /// <paramref name="withdrawnId"/> was coded with, where no other record carries them. Idempotent.
    /// </summary>
    public static async Task EraseAsync(IDocumentStore store, NpgsqlDataSource dataSource, RippleMapStates states, Guid allianceId,
        Guid withdrawnId, IEnumerable<string> themes, CancellationToken ct)
    {
        var words = themes.Select(Themes.NormaliseOne).Where(t => t.Length > 0).ToHashSet();
        if (words.Count == 0) return;
        var tenant = allianceId.ToString();
        var id = AllianceCodebook.StreamIdOf(allianceId);
        Erasing erasing;
        int touched;
        await using (var session = store.QuerySession(tenant))
        {
            var codebook = await Codebooks.OfAllianceAsync(session, ct);
            if (codebook.Version == 0) return;
            var remaining = (await RecordedThemes.AnywhereAsync(session, dataSource, withdrawnId, ct))
                .Concat((await ReviewFacts.MapsAsync(session, states, ct)).SelectMany(m => m.Facts.Ripples).SelectMany(r => r.Themes)
                    .Select(Themes.NormaliseOne))
                .ToHashSet();
            var names = words.Where(w => !remaining.Contains(w)).ToHashSet();
            var forgotten = names.Select(codebook.CurrentNameOf).Distinct()
                .Where(current => !codebook.RecordedNamesOf(current).Any(remaining.Contains)).ToList();
            erasing = new Erasing(names, forgotten.SelectMany(codebook.RecordedNamesOf).ToHashSet());
            touched = names.Count == 0 ? 0 : (await session.Events.FetchStreamAsync(id, token: ct)).Count(e => Touches(e, erasing));
        }
        if (touched == 0) return;

        Current.Value = erasing;
        try
        {
            await store.Advanced.ApplyEventDataMasking(x =>
            {
                x.IncludeStream(id, e => Touches(e, erasing));
                x.ForTenant(tenant);
            }, ct);
        }
        finally
        {
            Current.Value = null;
        }
        await using (var session = store.LightweightSession(tenant))
        {
            session.Events.Append(id, new ThemeWordsErased(touched));
            await session.SaveChangesAsync(ct);
        }
        // The inline snapshot was built from the words; build it again from the masked events.
        await store.Advanced.RebuildSingleStreamAsync<AllianceCodebook>(id, tenant, ct);
    }

    private static bool Touches(IEvent e, Erasing erasing) => e.Data switch
    {
        ThemeRenamed r => erasing.Names.Contains(r.Theme) || erasing.Names.Contains(r.To),
        ThemesMerged m => m.Themes.Any(erasing.Names.Contains) || erasing.Names.Contains(m.Into),
        ThemeDescribed d => d.Description.Length > 0 && Erases(d, erasing),
        _ => false
    };

    /// <summary>A description of an erased name, of a theme no remaining record reads as, or naming an erased word.</summary>
    private static bool Erases(ThemeDescribed d, Erasing erasing) =>
        erasing.Names.Contains(d.Theme) || erasing.Described.Contains(d.Theme) || Mentions(d.Description, erasing.Names);
}
