using System.Xml;

namespace ImpactJournal.RippleMaps;

/// <summary>Text as XML 1.0 may hold it: control characters that JSON allows but XML forbids are dropped.</summary>
public static class XmlText
{
    public static string Clean(string text)
    {
        foreach (var c in text)
            if (!Kept(c)) return string.Concat(text.Where(Kept));
        return text;
    }

    private static bool Kept(char c) => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c);
}
