using ImpactJournal.Alliances;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Stories;
using Marten;
using Marten.Exceptions;

namespace ImpactJournal.Templates;

/// <summary>What forming an alliance from a template records: the alliance's own events, and one proposed indicator stream each.</summary>
public sealed record SetUpFromTemplate(AllianceFormed Formed, IReadOnlyList<object> AllianceEvents, IReadOnlyList<IndicatorProposed> Indicators);

/// <summary>
/// Forming an alliance from a template: the alliance as usual, then everything the template holds as the events the
/// alliance's own use cases record (commitments added, a framework revised, indicators proposed), so that each stays
/// changeable by them; and an event saying which template and version it came from.
/// </summary>
public static class AllianceFromTemplate
{
    /// <summary>The events a valid command and its template record (pure: new ids aside).</summary>
    public static SetUpFromTemplate Decide(AllianceFormed formed, TemplateFile template)
    {
        var events = new List<object>
        {
            formed,
            new AllianceSetUpFromTemplate(template.Key, template.Version, template.Title, template.CollaborationModel, template.WhenThisFits,
                template.ReviewQuestions, template.CheckIn)
        };
        events.AddRange(template.Imperatives.Select(text => new ImperativeAdded(Guid.CreateVersion7(), text.Trim())));
        if (!template.Framework.IsEmpty)
            events.Add(new SignificationFrameworkRevised(new SignificationFramework(1, template.Framework.Triads, template.Framework.Dyads, template.Framework.Choices)));
        var proposedBy = $"{template.Title} template, version {template.Version}";
        var indicators = template.Indicators.Select(i => new IndicatorProposed(Guid.CreateVersion7(), i.Name.Trim(), i.Question.Trim(), i.Unit,
            i.Method.Trim(), proposedBy, i.NarrativeOfSuccess.Trim())).ToList();
        return new SetUpFromTemplate(formed, events, indicators);
    }

    /// <summary>
    /// Records the alliance and its setup in one transaction. A retry (same id, same alliance, same template and version)
    /// records nothing; the same id with anything else is a conflict.
    /// </summary>
    public static async Task<Outcome> StartAsync(IDocumentStore store, ActingMember founder, SetUpFromTemplate setUp, string location, CancellationToken ct)
    {
        var id = setUp.Formed.AllianceId;
        await using (var session = UseCase.OpenSession(store, founder))
        {
            session.Events.StartStream<Alliance>(id, [.. setUp.AllianceEvents]);
            foreach (var indicator in setUp.Indicators) session.Events.StartStream<Indicator>(indicator.IndicatorId, indicator);
            try
            {
                await session.SaveChangesAsync(ct);
                return Outcome.Created(id, location);
            }
            catch (ExistingStreamIdCollisionException)
            {
            }
        }
        await using var reader = store.QuerySession(id.ToString());
        var earlier = await reader.Events.FetchStreamAsync(id, version: 2, token: ct);
        var asked = (AllianceSetUpFromTemplate)setUp.AllianceEvents[1];
        return earlier is [{ Data: AllianceFormed formed }, { Data: AllianceSetUpFromTemplate template }]
               && formed == setUp.Formed && template.TemplateKey == asked.TemplateKey && template.TemplateVersion == asked.TemplateVersion
            ? Outcome.Retried(id, location)
            : Outcome.IdTakenByDifferentBody(id);
    }
}
