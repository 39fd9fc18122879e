namespace ImpactJournal.Templates;

/// <summary>
/// Appended to a new alliance's stream, straight after it was formed: the template (and its version) the alliance started
/// from, and the setup it took that lives on the alliance itself. The imperatives, the framework and the indicators it
/// took are their own events beside this one, so that each stays changeable by the use cases that change them.
/// </summary>
public sealed record AllianceSetUpFromTemplate(
    string TemplateKey,
    int TemplateVersion,
    string TemplateTitle,
    string CollaborationModel,
    string WhenThisFits,
    IReadOnlyList<string> ReviewQuestions,
    CheckInWording CheckIn);

/// <summary>Where an alliance's setup came from.</summary>
public sealed record TemplateOrigin(string Key, int Version, string Title, string WhenThisFits);
