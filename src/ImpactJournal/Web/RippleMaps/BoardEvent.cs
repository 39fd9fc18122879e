using System.Globalization;
using System.Text;

namespace ImpactJournal.Web;

/// <summary>
/// An event of the board's live stream as the bytes sent (<c>text/event-stream</c>): framed and encoded once, so a
/// patch made for every board is also written to each of them as it is, however large, rather than formatted per board.
/// </summary>
public static class BoardEvent
{
    public static readonly byte[] Heartbeat = Frame("heartbeat", null, "{}");

    public static readonly byte[] NoLongerMember = Frame("closed", null, """{"reason":"You are no longer a member of this alliance."}""");

    public static byte[] Connected(long version) => Frame("connected", version, $$"""{"version":{{version}}}""");

    /// <summary>The event with its id (a map version) and data, each line of the data on a <c>data:</c> line of its own.</summary>
    public static byte[] Frame(string type, long? id, string data)
    {
        var frame = new StringBuilder(data.Length + 64);
        if (id is { } version) frame.Append("id: ").Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        frame.Append("event: ").Append(type).Append('\n');
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n')) frame.Append("data: ").Append(line).Append('\n');
        return Encoding.UTF8.GetBytes(frame.Append('\n').ToString());
    }
}
