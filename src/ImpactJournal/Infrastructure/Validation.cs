using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Collects field errors of a request and answers them together as one 400 problem
/// with an <c>errors</c> map, or lets the request continue when there are none.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public static ProblemDetails MissingBody() => new Validation().Add("body", "A JSON body is required.").ToProblem();

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    public Validation Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "Required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        return this;
    }

    /// <summary>An optional list of texts: at most <paramref name="maxItems"/>, each required and at most <paramref name="maxLength"/> long.</summary>
    public Validation TextList(string field, IReadOnlyList<string?>? values, int maxItems, int maxLength)
    {
        if (values is null) return this;
        if (values.Count > maxItems) return Add(field, $"At most {maxItems}.");
        for (var i = 0; i < values.Count; i++) Text($"{field}[{i}]", values[i], maxLength);
        return this;
    }

    public Validation Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is null) Add(field, $"Required; one of {Vocabulary.ListOf<TEnum>()}.");
        else if (!Enum.IsDefined(value.Value)) Add(field, $"One of {Vocabulary.ListOf<TEnum>()}.");
        return this;
    }

    public Validation Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "Required.");
        return this;
    }

    /// <summary>A period's first and last days (<c>periodStart</c>, <c>periodEnd</c>): both required, the end not before the start.</summary>
    public Validation Period(DateOnly? start, DateOnly? end)
    {
        Required("periodStart", start).Required("periodEnd", end);
        if (end < start) Add("periodEnd", "Must not be before periodStart.");
        return this;
    }

    public Validation NotAfter(string field, DateTimeOffset? value, DateTimeOffset latest)
    {
        if (value > latest) Add(field, "May not be in the future.");
        return this;
    }

    public Validation NotEmpty(string field, Guid? value)
    {
        if (value == Guid.Empty) Add(field, "Must not be the empty UUID.");
        return this;
    }

    /// <summary>The field errors found, each field with its messages; empty when the request is valid.</summary>
    public IReadOnlyDictionary<string, string[]> ToErrors() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public ProblemDetails ToProblem() => _errors.Count == 0 ? WolverineContinue.NoProblems : Problem(ToErrors());

    /// <summary>The 400 answer naming each bad field.</summary>
    public static HttpValidationProblemDetails Problem(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1"
        };

    /// <summary>The errors of a request with no body at all.</summary>
    public static IReadOnlyDictionary<string, string[]> MissingBodyErrors() => new Validation().Add("body", "A JSON body is required.").ToErrors();
}
