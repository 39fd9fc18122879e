using System.Globalization;
using System.Text;
using System.Xml;

namespace ImpactJournal.Network;

/// <summary>
/// The network as undirected GraphML (networkx, Gephi, yEd): the measures as node and graph attributes so another
/// tool's own figures can be compared with ours. A count shown to commissioners as "&lt;5" or "withheld" is left
/// out of the numeric attributes and named in the edge's <c>withheld</c> attribute.
/// </summary>
public static class NetworkGraphMl
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Type)[] Keys =
    [
        ("asOf", "graph", "string"),
        ("density", "graph", "double"),
        ("components", "graph", "int"),
        ("name", "node", "string"),
        ("kind", "node", "string"),
        ("degree", "node", "int"),
        ("betweenness", "node", "double"),
        ("weight", "edge", "int"),
        ("jointObservations", "edge", "int"),
        ("jointRipples", "edge", "int"),
        ("sharedSessions", "edge", "int"),
        ("first", "edge", "string"),
        ("latest", "edge", "string"),
        ("quiet", "edge", "boolean"),
        ("withheld", "edge", "string"),
    ];

    public static byte[] Write(NetworkView network)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("graphml", Namespace);
            foreach (var (id, scope, type) in Keys)
            {
                xml.WriteStartElement("key", Namespace);
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("for", scope);
                xml.WriteAttributeString("attr.name", id);
                xml.WriteAttributeString("attr.type", type);
                xml.WriteEndElement();
            }
            xml.WriteStartElement("graph", Namespace);
            xml.WriteAttributeString("id", "collaboration");
            xml.WriteAttributeString("edgedefault", "undirected");
            Data(xml, "asOf", network.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Data(xml, "density", Number(network.Density));
            Data(xml, "components", network.Components.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var node in network.Nodes)
            {
                xml.WriteStartElement("node", Namespace);
                xml.WriteAttributeString("id", node.PartnerId.ToString());
                Data(xml, "name", RippleMaps.XmlText.Clean(node.Name));
                Data(xml, "kind", node.Kind);
                Data(xml, "degree", node.Degree.ToString(CultureInfo.InvariantCulture));
                Data(xml, "betweenness", Number(node.Betweenness));
                xml.WriteEndElement();
            }
            foreach (var edge in network.Edges)
            {
                xml.WriteStartElement("edge", Namespace);
                xml.WriteAttributeString("source", edge.From.ToString());
                xml.WriteAttributeString("target", edge.To.ToString());
                var withheld = new List<string>();
                Count(xml, "weight", edge.Weight, withheld);
                Count(xml, "jointObservations", edge.JointObservations, withheld);
                Data(xml, "jointRipples", edge.JointRipples.ToString(CultureInfo.InvariantCulture));
                Data(xml, "sharedSessions", edge.SharedSessions.ToString(CultureInfo.InvariantCulture));
                Data(xml, "first", edge.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Data(xml, "latest", edge.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Data(xml, "quiet", edge.Quiet ? "true" : "false");
                if (withheld.Count > 0) Data(xml, "withheld", string.Join("; ", withheld));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void Count(XmlWriter xml, string key, object shown, List<string> withheld)
    {
        if (shown is int count) Data(xml, key, count.ToString(CultureInfo.InvariantCulture));
        else withheld.Add($"{key} {shown}");
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
