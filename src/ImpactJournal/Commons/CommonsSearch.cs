using ImpactJournal.Alliances;
using ImpactJournal.Journal;
using Marten;

namespace ImpactJournal.Commons;

public static class CommonsRoutes
{
    public static string Item(Guid id) => $"/api/commons/items/{id}";
    public static string Alliance(Guid id) => $"/api/commons/alliances/{id}";
    public static string ItemPage(Guid id) => $"/commons/items/{id}";
    public static string AlliancePage(Guid id) => $"/commons/alliances/{id}";
}

/// <summary>What the commons is searched by; every part may be left out. A period keeps the items whose own period overlaps it.</summary>
public sealed record CommonsFilter(CommunityCapital? Capital = null, string? Theme = null, string? Model = null, PartnerKind? PartnerKind = null,
    DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Field errors: an unknown model, a period that ends before it starts.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Infrastructure.Validation();
        if (Model is { Length: > 0 } model && !CollaborationModels.Keys.Contains(model)) errors.Add("model", $"One of {string.Join(", ", CollaborationModels.Keys)}.");
        if (Theme is { Length: > 200 }) errors.Add("theme", "At most 200 characters.");
        if (To < From) errors.Add("to", "Must not be before from.");
        return errors.ToErrors();
    }
}

/// <summary>An item as a search lists it, with its alliance and the addresses of both.</summary>
public sealed record CommonsHit(Guid Id, PublicationKind Kind, string Title, string? Text, DateOnly From, DateOnly To, IReadOnlyList<CommunityCapital> Capitals,
    IReadOnlyList<string> Themes, IReadOnlyList<PartnerKind> PartnerKinds, string CollaborationModel, Guid AllianceId, string AllianceName, string Address,
    string AllianceAddress, DateTimeOffset PublishedAt);

/// <summary>An item whole: the hit and what the item holds (the ripples and the picture's address, the adaptations, the direction).</summary>
public sealed record CommonsItemView(CommonsHit Item, string? PictureAddress, IReadOnlyList<CommonsRipple>? Ripples, IReadOnlyList<CommonsAdaptation>? Adaptations,
    string? Direction);

/// <summary>An alliance's public profile and what it published, latest first.</summary>
public sealed record CommonsAllianceView(Guid Id, string Name, string About, string CollaborationModel, IReadOnlyList<PartnerKind> PartnerKinds, DateTimeOffset Since,
    IReadOnlyList<CommonsHit> Items);

/// <summary>
/// The commons' reads. Each reads only <see cref="CommonsItem"/> and <see cref="CommonsAlliance"/>, which are stored outside
/// every tenant, through a session of no alliance: nothing an alliance keeps for itself can be reached from here.
/// </summary>
public static class CommonsSearch
{
    public const int MaxItems = 200;

    public static async Task<IReadOnlyList<CommonsHit>> FindAsync(IQuerySession session, CommonsFilter filter, DateOnly today, int limit, CancellationToken ct)
    {
        var alliances = await AlliancesAsync(session, filter.Model, ct);
        var ids = alliances.Keys.ToArray();
        var query = session.Query<CommonsItem>().Where(i => i.AllianceId.IsOneOf(ids) && (i.Entry.ExpiresOn == null || i.Entry.ExpiresOn >= today));
        if (filter.Capital is { } capital) query = query.Where(i => i.Entry.Capitals.Contains(capital));
        if (filter.Theme is { Length: > 0 } theme)
        {
            var wanted = CommonsCopies.Theme(theme);
            query = query.Where(i => i.Entry.Themes.Contains(wanted));
        }
        if (filter.PartnerKind is { } kind) query = query.Where(i => i.Entry.PartnerKinds.Contains(kind));
        if (filter.From is { } from) query = query.Where(i => i.Entry.To >= from);
        if (filter.To is { } to) query = query.Where(i => i.Entry.From <= to);
        var items = await query.OrderByDescending(i => i.PublishedAt).Take(Math.Clamp(limit, 1, MaxItems)).ToListAsync(ct);
        return [.. items.Select(i => HitOf(i, alliances[i.AllianceId]))];
    }

    public static async Task<CommonsItemView?> ItemAsync(IQuerySession session, Guid id, DateOnly today, CancellationToken ct)
    {
        if (await session.LoadAsync<CommonsItem>(id, ct) is not { } item || item.Entry.ExpiresOn < today) return null;
        if (await session.LoadAsync<CommonsAlliance>(item.AllianceId, ct) is not { } alliance) return null;
        var ripples = item.Entry.Ripples is { } listed && !alliance.ShowPartnerNames ? [.. listed.Select(r => r with { Partners = [] })] : item.Entry.Ripples;
        return new CommonsItemView(HitOf(item, alliance), item.Entry.Picture is null ? null : $"{CommonsRoutes.Item(id)}/picture", ripples, item.Entry.Adaptations,
            item.Entry.Direction);
    }

    /// <summary>The picture of a published map, as it was when published.</summary>
    public static async Task<string?> PictureAsync(IQuerySession session, Guid id, DateOnly today, CancellationToken ct) =>
        await ItemAsync(session, id, today, ct) is { PictureAddress: not null } ? (await session.LoadAsync<CommonsItem>(id, ct))?.Entry.Picture : null;

    public static async Task<CommonsAllianceView?> AllianceAsync(IQuerySession session, Guid id, DateOnly today, CancellationToken ct)
    {
        if (await session.LoadAsync<CommonsAlliance>(id, ct) is not { } alliance) return null;
        var items = await session.Query<CommonsItem>().Where(i => i.AllianceId == id && (i.Entry.ExpiresOn == null || i.Entry.ExpiresOn >= today))
            .OrderByDescending(i => i.PublishedAt).Take(MaxItems).ToListAsync(ct);
        return new CommonsAllianceView(alliance.Id, alliance.Name, alliance.About, alliance.CollaborationModel, alliance.PartnerKinds, alliance.Since,
            [.. items.Select(i => HitOf(i, alliance))]);
    }

    private static async Task<Dictionary<Guid, CommonsAlliance>> AlliancesAsync(IQuerySession session, string? model, CancellationToken ct)
    {
        var query = session.Query<CommonsAlliance>().AsQueryable();
        if (model is { Length: > 0 }) query = query.Where(a => a.CollaborationModel == model);
        return (await query.ToListAsync(ct)).ToDictionary(a => a.Id);
    }

    private static CommonsHit HitOf(CommonsItem item, CommonsAlliance alliance) => new(item.Id, item.Kind, item.Entry.Title, item.Entry.Text, item.Entry.From,
        item.Entry.To, item.Entry.Capitals, item.Entry.Themes, item.Entry.PartnerKinds, alliance.CollaborationModel, alliance.Id, alliance.Name,
        CommonsRoutes.Item(item.Id), CommonsRoutes.Alliance(alliance.Id), item.PublishedAt);
}
