using System.Globalization;
using System.Text;
using System.Xml;
using XmlText = ImpactJournal.RippleMaps.XmlText;

namespace ImpactJournal.Exports;

/// <summary>A code of a REFI-QDA code system; a code that only groups others is not codable.</summary>
public sealed record QdaCode(Guid Id, string Name, bool Codable, IReadOnlyList<QdaCode> Children, string? Description = null);

public enum QdaVariableType
{
    Text,
    Boolean,
    Float,
    Date
}

/// <summary>A variable (an attribute) that every source may carry a value of.</summary>
public sealed record QdaVariable(Guid Id, string Name, QdaVariableType Type, string? Description = null);

/// <summary>One source's value of a variable, already in the variable's XML Schema form.</summary>
public readonly record struct QdaValue(QdaVariable Variable, string Value);

/// <summary>A plain-text source: its words, the codes that cover them and its variables' values.</summary>
public sealed record QdaSource(Guid Id, string Name, string Text, DateTimeOffset CreatedAt, IReadOnlyList<Guid> Codes, IReadOnlyList<QdaValue> Values)
{
    /// <summary>The source's file in the project's <c>sources</c> folder.</summary>
    public string FileName => FileNameOf(Id);

    public static string FileNameOf(Guid id) => $"{id}.txt";

    /// <summary>
    /// The length of the text as QDA-XML counts positions: in Unicode characters (code points), so an emoji outside
    /// the Basic Multilingual Plane is one position although .NET holds it as two UTF-16 units.
    /// </summary>
    public static int Positions(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}

/// <summary>
/// Writes a REFI-QDA <c>project.qde</c> (QDA-XML 1.0, <c>urn:QDA-XML:project:1.0</c>) one source at a time: the
/// code system and the variables first, then each source as it is read, so a project of any size is never held
/// whole. XML is made in a small buffer and handed on asynchronously, so the response is never written synchronously.
/// </summary>
public sealed class QdaProjectWriter : IAsyncDisposable
{
    private const string Namespace = "urn:QDA-XML:project:1.0";
    private const int FlushAt = 64 * 1024;
    private static readonly Guid SelectionPart = Infrastructure.DerivedId.Named("selection");

    private readonly Stream _output;
    private readonly MemoryStream _buffer = new();
    private readonly XmlWriter _xml;
    // The codes' and variables' ids as written, since every source refers to them again.
    private readonly Dictionary<Guid, string> _referenced = [];
    private bool _sourcesOpen;

    private QdaProjectWriter(Stream output)
    {
        _output = output;
        _xml = XmlWriter.Create(_buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false });
    }

    public static async Task<QdaProjectWriter> StartAsync(Stream output, string name, DateTimeOffset createdAt,
        IReadOnlyList<QdaCode> codes, IReadOnlyList<QdaVariable> variables, CancellationToken ct)
    {
        var writer = new QdaProjectWriter(output);
        var xml = writer._xml;
        xml.WriteStartDocument();
        xml.WriteStartElement("Project", Namespace);
        xml.WriteAttributeString("name", XmlText.Clean(name));
        xml.WriteAttributeString("origin", "ImpactJournal");
        xml.WriteAttributeString("creationDateTime", Moment(createdAt));
        if (codes.Count > 0)
        {
            xml.WriteStartElement("CodeBook", Namespace);
            xml.WriteStartElement("Codes", Namespace);
            foreach (var code in codes) writer.WriteCode(code);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        if (variables.Count > 0)
        {
            xml.WriteStartElement("Variables", Namespace);
            foreach (var variable in variables)
            {
                xml.WriteStartElement("Variable", Namespace);
                xml.WriteAttributeString("guid", writer.Referenced(variable.Id));
                xml.WriteAttributeString("name", XmlText.Clean(variable.Name));
                xml.WriteAttributeString("typeOfVariable", variable.Type.ToString());
                if (variable.Description is { } description) xml.WriteElementString("Description", Namespace, XmlText.Clean(description));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        await writer.HandOnAsync(force: false, ct);
        return writer;
    }

    /// <summary>The source with one selection over its whole text, coded with each of its codes, and its variables' values.</summary>
    public Task WriteAsync(QdaSource source, CancellationToken ct)
    {
        if (!_sourcesOpen)
        {
            _xml.WriteStartElement("Sources", Namespace);
            _sourcesOpen = true;
        }
        _xml.WriteStartElement("TextSource", Namespace);
        _xml.WriteAttributeString("guid", Guid(source.Id));
        _xml.WriteAttributeString("name", XmlText.Clean(source.Name));
        _xml.WriteAttributeString("plainTextPath", $"internal://{source.FileName}");
        _xml.WriteAttributeString("creationDateTime", Moment(source.CreatedAt));
        var length = QdaSource.Positions(source.Text);
        if (source.Codes.Count > 0 && length > 0)
        {
            var selection = Infrastructure.DerivedId.From(source.Id, SelectionPart);
            _xml.WriteStartElement("PlainTextSelection", Namespace);
            _xml.WriteAttributeString("guid", Guid(selection));
            _xml.WriteAttributeString("name", XmlText.Clean(source.Name));
            _xml.WriteAttributeString("startPosition", "0");
            _xml.WriteAttributeString("endPosition", length.ToString(CultureInfo.InvariantCulture));
            foreach (var code in source.Codes)
            {
                _xml.WriteStartElement("Coding", Namespace);
                _xml.WriteAttributeString("guid", Guid(Infrastructure.DerivedId.From(selection, code)));
                _xml.WriteStartElement("CodeRef", Namespace);
                _xml.WriteAttributeString("targetGUID", Referenced(code));
                _xml.WriteEndElement();
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement();
        }
        foreach (var value in source.Values)
        {
            _xml.WriteStartElement("VariableValue", Namespace);
            _xml.WriteStartElement("VariableRef", Namespace);
            _xml.WriteAttributeString("targetGUID", Referenced(value.Variable.Id));
            _xml.WriteEndElement();
            _xml.WriteElementString(value.Variable.Type + "Value", Namespace, XmlText.Clean(value.Value));
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
        return HandOnAsync(force: false, ct);
    }

    /// <summary>Closes the project and hands on what is left.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_sourcesOpen) _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        await HandOnAsync(force: true, ct);
    }

    public ValueTask DisposeAsync()
    {
        _xml.Dispose();
        _buffer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteCode(QdaCode code)
    {
        _xml.WriteStartElement("Code", Namespace);
        _xml.WriteAttributeString("guid", Referenced(code.Id));
        _xml.WriteAttributeString("name", XmlText.Clean(code.Name));
        _xml.WriteAttributeString("isCodable", code.Codable ? "true" : "false");
        if (code.Description is { } description) _xml.WriteElementString("Description", Namespace, XmlText.Clean(description));
        foreach (var child in code.Children) WriteCode(child);
        _xml.WriteEndElement();
    }

    private async Task HandOnAsync(bool force, CancellationToken ct)
    {
        _xml.Flush();
        if (_buffer.Length < FlushAt && !force) return;
        await _output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
        _buffer.SetLength(0);
    }

    private static string Guid(Guid id) => id.ToString("D");

    private string Referenced(Guid id)
    {
        if (!_referenced.TryGetValue(id, out var written)) _referenced[id] = written = Guid(id);
        return written;
    }

    private static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
