using System.Text;
using ImpactJournal.Alliances;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Web;

/// <summary>
/// What changed on a map between two versions, as the HTML an open board or projector patches in (board.js):
/// the ripples and links changed, drawn where the layout puts them, their entries in the ring lists, and the
/// activity. When ripples already drawn moved (a sector grew, or the map was laid out afresh), they come too, with
/// their links, for the board to glide them where they now are; the ring list comes whole when a ring was added or
/// went. A board that shows nothing this patch can build on gets the whole picture and ring list instead. Everything
/// in it is what any member of the alliance reads on the board, so one patch serves every board and projector of the
/// map, whatever their role: the ripples of the session being run are marked (<c>data-session</c> is empty once no
/// session is open), and each board marks the words it looks for itself. It is kept as the event every board's stream
/// sends (<see cref="BoardEvent"/>).
/// </summary>
public sealed record BoardPatch(long After, long Version, byte[] Event)
{
    /// <summary>
    /// The patch that brings boards showing version <paramref name="after"/>, drawn as <paramref name="shown"/> placed
    /// it, to the held version; with no placement shown, the whole picture and ring list.
    /// </summary>
    public static BoardPatch Of(RippleMapStates.Held held, Alliance alliance, long after, RippleLayout.Placement? shown)
    {
        var state = held.Map;
        var view = held.PictureView;
        var layout = held.Layout;
        var running = BoardState.Running(state, null)?.Id;
        var list = new RingList(view, running);
        var html = new StringBuilder($"<div data-version=\"{state.Version}\" data-after=\"{after}\" data-session=\"{running}\"{(shown is null ? " data-whole" : "")}>");
        if (shown is null) html.Append(held.Picture).Append(list.Section());
        else
        {
            var moved = RippleLayout.Moved(shown, layout);
            var changed = state.Nodes.Values.Where(n => n.ChangedVersion > after).Select(n => n.Id).ToHashSet();
            var ripples = changed.Concat(moved).ToHashSet();
            // A ring that moved changes the curves of the links that pass inside it, so every link is drawn again.
            var ringsMoved = !shown.Rings.SequenceEqual(layout.Rings);
            var links = state.Links.Values.Where(l => ringsMoved || l.ChangedVersion > after || moved.Contains(l.From) || moved.Contains(l.To))
                .Select(l => l.Id).ToHashSet();
            html.Append(RipplePicture.Patch(view, layout, ripples, links, shown.Generation != layout.Generation ? shown.Generation : null));
            if (!shown.Rings.Select(r => r.Order).SequenceEqual(layout.Rings.Select(r => r.Order))) html.Append(list.Section());
            else
            {
                // The entries of the ripples changed, of those now on another ring, and of those a new link now comes from.
                var listed = changed.Concat(moved.Where(id => shown.Spots[id].Ring != layout.Spots[id].Ring))
                    .Concat(state.Links.Values.Where(l => l.ChangedVersion > after).Select(l => l.To)).ToHashSet();
                html.Append("<ol data-into=\"rings\">");
                foreach (var ripple in view.Nodes.Where(n => listed.Contains(n.Id))) html.Append(list.Item(ripple));
                html.Append("</ol>");
            }
        }
        html.Append(ActivityList.Of(BoardState.Activity(state, alliance, 30)));
        return new BoardPatch(after, state.Version, BoardEvent.Frame("patch", state.Version, html.Append("</div>").ToString()));
    }
}
