using ImpactJournal.Infrastructure;

namespace ImpactJournal.Journal;

public static class ConsentValidation
{
    public static Validation Consent(this Validation validation, string field, ConsentScope? scope, bool? identifiable)
    {
        if (scope is null) validation.Add($"{field}.scope", $"Required; one of {Vocabulary.ListOf<ConsentScope>()}.");
        else if (!Enum.IsDefined(scope.Value)) validation.Add($"{field}.scope", $"One of {Vocabulary.ListOf<ConsentScope>()}.");
        if (identifiable is null) validation.Add($"{field}.identifiable", "Required: true or false.");
        return validation;
    }
}
