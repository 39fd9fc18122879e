using System.Globalization;
using System.Text;

namespace ImpactJournal.RippleMaps;

/// <summary>Graphviz DOT: the focus as a double circle, disputed links dashed, hindering links red.</summary>
public static class DotExport
{
    public static byte[] Write(MapExportGraph graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ripple_map {\n");
        dot.Append("  graph [rankdir=LR, label=").Append(Quote(graph.Map.Focus)).Append("];\n");
        dot.Append("  node [shape=box, style=rounded];\n");
        foreach (var node in graph.Nodes)
        {
            dot.Append("  ").Append(Quote(node.Id.ToString())).Append(" [label=").Append(Quote(node.Label));
            if (node.Kind == "focus") dot.Append(", shape=doublecircle");
            if (node.Order is { } order) dot.Append(", order=").Append(order.ToString(CultureInfo.InvariantCulture));
            if (node.Capitals.Count > 0) dot.Append(", capitals=").Append(Quote(string.Join(';', node.Capitals)));
            if (node.Valence is { } valence) dot.Append(", valence=").Append(Quote(valence));
            if (node.Intended is { } intended) dot.Append(", intended=").Append(intended ? "true" : "false");
            if (node.Valence == "degenerative") dot.Append(", color=firebrick, penwidth=2");
            dot.Append("];\n");
        }
        foreach (var link in graph.Links)
        {
            dot.Append("  ").Append(Quote(link.From.ToString())).Append(" -> ").Append(Quote(link.To.ToString()))
                .Append(" [label=").Append(Quote(MapExportGraph.Spell(link.Relation)))
                .Append(", status=").Append(Quote(MapExportGraph.Spell(link.Status)));
            if (link.Status == LinkStatus.Disputed) dot.Append(", style=dashed");
            if (link.Relation == LinkRelation.Hindered) dot.Append(", color=firebrick");
            dot.Append("];\n");
        }
        dot.Append("}\n");
        return Encoding.UTF8.GetBytes(dot.ToString());
    }

    /// <summary>A DOT double-quoted string: quotes and backslashes escaped, line breaks as \n.</summary>
    private static string Quote(string text) => "\"" + text
        .Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n") + "\"";
}
