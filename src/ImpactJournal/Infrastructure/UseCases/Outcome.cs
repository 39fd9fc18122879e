namespace ImpactJournal.Infrastructure.UseCases;

/// <summary>
/// What became of a write use case. The use case decides it once; each door translates it: the API's endpoint
/// into HTTP (<see cref="OutcomeAnswers"/>), a page into a redirect or its form's errors.
/// </summary>
public abstract record Outcome
{
    private Outcome()
    {
    }

    /// <summary>Saved: something new (<paramref name="IsNew"/>) or a change to what was there; the body is what the API answers with.</summary>
    public sealed record Saved(Guid Id, string Location, object? Body, bool IsNew) : Outcome;

    /// <summary>A retry of a create that already happened: nothing new was recorded.</summary>
    public sealed record AlreadyThere(Guid Id, string Location, object Body) : Outcome;

    /// <summary>Refused with field errors, named as the API's fields are.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome;

    public sealed record NotFound(string Detail) : Outcome;

    public sealed record Forbidden(string Detail, string Title = "Your role does not allow this") : Outcome;

    /// <summary>
    /// The record is not in a state that allows this (closed, retracted, taken by a different body, or changed since
    /// the form was shown). <paramref name="CurrentVersion"/> and <paramref name="Current"/> say what it is now, when
    /// the refusal is of a stale edit.
    /// </summary>
    public sealed record Conflict(string Title, string Detail, long? CurrentVersion = null, object? Current = null) : Outcome;

    public static Outcome Created(Guid id, string location, object? body = null) => new Saved(id, location, body ?? new CreatedId(id), true);

    public static Outcome Changed(Guid id, string location, object? body) => new Saved(id, location, body, false);

    public static Outcome Retried(Guid id, string location, object? body = null) => new AlreadyThere(id, location, body ?? new CreatedId(id));

    public static Outcome InvalidField(string field, string message) => new Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome IdTakenByDifferentBody(Guid id) => new Conflict("This id is already used for something different",
        $"A resource with id {id} already exists with different content. Use a new id, or resend exactly the original body.");

    /// <summary>The edit was decided against a version of the record that is no longer the latest.</summary>
    public static Outcome Stale(string what, long currentVersion, object current) => new Conflict("Changed since you read it",
        $"{what} was changed by someone else since the version you edited. Read it again, then make your change.", currentVersion, current);

    /// <summary>The id of what was saved (now or by an earlier try); null for a refusal.</summary>
    public Guid? SavedId => this switch
    {
        Saved saved => saved.Id,
        AlreadyThere retried => retried.Id,
        _ => null
    };
}
