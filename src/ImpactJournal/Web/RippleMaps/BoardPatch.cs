using System.Text;
using ImpactJournal.Alliances;
using ImpactJournal.RippleMaps;

namespace ImpactJournal.Web;

/// <summary>
/// What changed on a map between two versions, as the HTML an open board or projector patches in (board.js):
/// the ripples and links changed, drawn where the layout puts them, their entries in the ring lists, and the
/// activity. When the map was laid out afresh (ripples already drawn moved), it carries the whole picture and ring
/// list instead, drawn once for every board rather than fetched by each. Everything in it is what any member of the
/// alliance reads on the board, so one patch serves every board and projector of the map, whatever their role:
/// the ripples of the session being run are marked (<c>data-session</c> is empty once no session is open), and
/// each board marks the words it looks for itself. It is kept as the event every board's stream sends (<see cref="BoardEvent"/>).
/// </summary>
public sealed record BoardPatch(long After, long Version, byte[] Event)
{
    public static BoardPatch Of(RippleMapStates.Held held, Alliance alliance, long after, bool whole)
    {
        var state = held.Map;
        var view = held.PictureView;
        var ripples = state.Nodes.Values.Where(n => n.ChangedVersion > after).Select(n => n.Id).ToHashSet();
        var links = state.Links.Values.Where(l => l.ChangedVersion > after).Select(l => l.Id).ToHashSet();
        var running = BoardState.Running(state, null)?.Id;
        var list = new RingList(view, running);
        var html = new StringBuilder($"<div data-version=\"{state.Version}\" data-after=\"{after}\" data-session=\"{running}\"{(whole ? " data-whole" : "")}>");
        if (whole) html.Append(held.Picture).Append(list.Section());
        else
        {
            html.Append(RipplePicture.Patch(view, held.Layout, ripples, links));
            html.Append("<ol data-into=\"rings\">");
            foreach (var ripple in view.Nodes.Where(n => ripples.Contains(n.Id))) html.Append(list.Item(ripple));
            html.Append("</ol>");
        }
        html.Append(ActivityList.Of(BoardState.Activity(state, alliance, 30)));
        return new BoardPatch(after, state.Version, BoardEvent.Frame("patch", state.Version, html.Append("</div>").ToString()));
    }
}
