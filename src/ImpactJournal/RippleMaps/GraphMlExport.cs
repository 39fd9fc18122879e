using System.Globalization;
using System.Text;
using System.Xml;

namespace ImpactJournal.RippleMaps;

/// <summary>GraphML (yEd, Gephi, networkx, Cytoscape): node and edge attributes as declared keys.</summary>
public static class GraphMlExport
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("order", "node", "order", "int"),
        ("capitals", "node", "capitals", "string"),
        ("valence", "node", "valence", "string"),
        ("intended", "node", "intended", "boolean"),
        ("relation", "edge", "relation", "string"),
        ("status", "edge", "status", "string"),
    ];

    public static byte[] Write(MapExportGraph graph)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("graphml", Namespace);
            foreach (var (id, scope, name, type) in Keys)
            {
                xml.WriteStartElement("key", Namespace);
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("for", scope);
                xml.WriteAttributeString("attr.name", name);
                xml.WriteAttributeString("attr.type", type);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("graph", Namespace);
            xml.WriteAttributeString("id", graph.Map.Id.ToString());
            xml.WriteAttributeString("edgedefault", "directed");
            foreach (var node in graph.Nodes)
            {
                xml.WriteStartElement("node", Namespace);
                xml.WriteAttributeString("id", node.Id.ToString());
                Data(xml, "label", node.Label);
                Data(xml, "kind", node.Kind);
                Data(xml, "order", node.Order?.ToString(CultureInfo.InvariantCulture));
                Data(xml, "capitals", string.Join(';', node.Capitals));
                Data(xml, "valence", node.Valence);
                Data(xml, "intended", node.Intended is { } intended ? (intended ? "true" : "false") : null);
                xml.WriteEndElement();
            }
            foreach (var link in graph.Links)
            {
                xml.WriteStartElement("edge", Namespace);
                xml.WriteAttributeString("id", link.Id.ToString());
                xml.WriteAttributeString("source", link.From.ToString());
                xml.WriteAttributeString("target", link.To.ToString());
                Data(xml, "relation", MapExportGraph.Spell(link.Relation));
                Data(xml, "status", MapExportGraph.Spell(link.Status));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void Data(XmlWriter xml, string key, string? value)
    {
        if (value is null) return;
        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteString(XmlText.Clean(value));
        xml.WriteEndElement();
    }
}
