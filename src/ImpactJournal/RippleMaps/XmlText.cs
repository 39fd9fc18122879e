using System.Xml;

namespace ImpactJournal.RippleMaps;

/// <summary>Text as XML 1.0 may hold it: control characters that JSON allows but XML forbids are dropped.</summary>
public static class XmlText
{
    public static string Clean(string text)
    {
        if (text.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))) return text;
        return string.Concat(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));
    }
}
