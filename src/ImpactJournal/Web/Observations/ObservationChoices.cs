namespace ImpactJournal.Web;

/// <summary>
/// The capitals or the strengthens-or-wears-away choices of an observation form (logging and amending share them):
/// the form field's name, what is chosen, and the error to show beside them.
/// </summary>
public sealed record ObservationChoices<T>(string Name, IReadOnlyCollection<T> Chosen, string? Error) where T : struct, Enum;
