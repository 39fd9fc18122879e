using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ImpactJournal.Web;

/// <summary>Field errors shown beside the field they belong to, and the id that ties the message to the field.</summary>
public static class FormErrors
{
    public static string? ErrorOf(this ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>The aria-describedby of a field: its error message's id when it has one.</summary>
    public static string? DescribedBy(this ModelStateDictionary state, string field, string id) =>
        state.ErrorOf(field) is null ? null : $"{id}-error";

    /// <summary>
    /// Adds the API's field errors to the form, each beside the field <paramref name="fieldOf"/> names; a field
    /// the form already explained (say, a date it could not read) keeps only the form's own words.
    /// </summary>
    public static void AddAll(this ModelStateDictionary state, IEnumerable<KeyValuePair<string, string[]>> errors, Func<string, string> fieldOf, Func<string, string, string>? plainWords = null)
    {
        var explained = state.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToHashSet();
        foreach (var (field, messages) in errors)
        {
            var formField = fieldOf(field);
            if (explained.Contains(formField)) continue;
            foreach (var message in messages) state.AddModelError(formField, plainWords?.Invoke(field, message) ?? message);
        }
    }
}
