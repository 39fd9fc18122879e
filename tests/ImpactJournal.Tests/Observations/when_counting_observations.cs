using ImpactJournal.Observations;
using ImpactJournal.Tests.Support;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;
using Xunit;

namespace ImpactJournal.Tests.Observations;

/// <summary>
/// Counts are read from the observation tally, a narrow table a trigger keeps beside the observation documents:
/// whatever happens to the documents, the tally must say exactly what a count over the documents' JSON would, and
/// the weekly counts and joint-observation pairs kept from the tally what a regrouping of the tally would.
/// </summary>
public sealed class when_counting_observations(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Steward = "tally-steward@example.org";
    private static readonly string[] Themes = ["food", "housing", "belonging", "work"];
    private static readonly string[] Capitals = ["social", "human", "built", "financial", "natural"];
    private static readonly string[] Scopes = ["alliance", "commissioners", "public"];

    [Fact]
    public async Task the_tally_matches_the_documents_through_amendments_retractions_withdrawals_rebuilds_and_upgrades()
    {
        var (allianceId, partnerId) = await As(Steward).FormAllianceWithEveryRole("tally");
        Guid[] partners = [partnerId, await As(Steward).AddPartner(allianceId, "Second")];
        var url = $"/api/alliances/{allianceId}/observations";
        var random = new Random(12);
        partners = [.. partners, await As(Steward).AddPartner(allianceId, "Third")];
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var own = partners[random.Next(2)];
            ids.Add(await As(Steward).LogObservation(allianceId, new
            {
                text = "Together", observedAt = $"2025-0{1 + random.Next(9)}-{1 + random.Next(28):00}T{random.Next(24):00}:15:00Z",
                themes = Themes.Where(_ => random.Next(2) == 0).ToArray(), capitals = Capitals.Where(_ => random.Next(3) == 0).ToArray(),
                valence = "generative", partnerId = own, consent = new { scope = Scopes[random.Next(3)], identifiable = random.Next(2) == 0 },
                withPartners = partners.Where(p => p != own && random.Next(2) == 0).ToArray()
            }));
        }
        foreach (var id in ids.Take(10))
            await As(Steward).Post($"{url}/{id}/amendments", new { themes = new[] { "amended" }, capitals = new[] { "political" } }, expect: 200);
        foreach (var id in ids.Skip(5).Take(10))
            await As(Steward).Post($"{url}/{id}/amendments", new { withPartners = partners.Where(_ => random.Next(2) == 0).ToArray() }, expect: 200);
        foreach (var id in ids.Skip(8).Take(6))
            await As(Steward).Post($"{url}/{id}/retraction", new { reason = "logged twice" }, expect: 200);
        foreach (var id in ids.Skip(12).Take(6))
            await As(Steward).Post($"{url}/{id}/consent-withdrawal", new { }, expect: 200);
        await CatchUpProjections();

        var fromDocuments = await RowsAsync(FromDocuments);
        Assert.Equal(40, fromDocuments.Count);
        var tally = await RowsAsync(FromTally);
        Assert.True(fromDocuments.SequenceEqual(tally), string.Join("\n", fromDocuments.Zip(tally).Where(p => p.First != p.Second).Take(2).Select(p => $"{p.First}\n{p.Second}")));
        Assert.Contains(fromDocuments, row => row.Contains("{amended}") && row.Contains("{Political}"));
        Assert.Equal(6, fromDocuments.Count(row => row.EndsWith("|retracted")));
        await AssertKeptFromTheTallyAsync();

        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<Observation>(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(fromDocuments, await RowsAsync(FromTally));
        await AssertKeptFromTheTallyAsync();

        // A database from before the tally: the table is created and filled from the documents by the schema's apply.
        var documents = ObservationTally.DocumentTable(Store.Options);
        await ExecuteAsync(WriteDrop(documents));
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Assert.Equal(fromDocuments, await RowsAsync(FromTally));
        await AssertKeptFromTheTallyAsync();
    }

    /// <summary>The weekly counts and the joint pairs hold exactly what regrouping the tally gives.</summary>
    private async Task AssertKeptFromTheTallyAsync()
    {
        var tally = $"{Fixture.Schema}.observation_tally";
        var weeks = await LinesAsync($"select tenant_id, week, capitals, identifiable, scope, expires_on, observations from {tally}_weeks");
        var regroupedWeeks = await LinesAsync($"""
            select tenant_id, date_trunc('week', observed_on)::date, capitals, identifiable, coalesce(scope, ''), coalesce(expires_on, 'infinity'), count(*)::int
            from {tally} where retracted_at is null group by 1, 2, 3, 4, 5, 6
            """);
        Assert.NotEmpty(weeks);
        Assert.Equal(regroupedWeeks, weeks);

        var pairs = await LinesAsync($"select tenant_id, quarter, scope, expires_on, p, q, observations, identifiable, first_day, latest_day from {tally}_pairs");
        var regroupedPairs = await LinesAsync($"""
            select t.tenant_id, date_trunc('quarter', t.observed_on)::date, coalesce(t.scope, ''), coalesce(t.expires_on, 'infinity'), p, q, count(*)::int,
                   count(*) filter (where t.identifiable)::int, min(t.observed_on), max(t.observed_on)
            from {tally} t, unnest(t.partner_id || t.with_partners) p, unnest(t.partner_id || t.with_partners) q
            where t.retracted_at is null and p < q group by 1, 2, 3, 4, 5, 6
            """);
        Assert.NotEmpty(pairs);
        Assert.Equal(regroupedPairs, pairs);
    }

    private async Task<List<string>> LinesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) is Array array
                ? string.Join(",", array.Cast<object>()) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private string FromDocuments => $"""
        select d.id, ({Fixture.Schema}.mt_immutable_timestamptz(d.data ->> 'observedAt') at time zone 'UTC')::date,
               d.data ->> 'partnerId', array(select jsonb_array_elements_text(d.data -> 'themes')),
               array(select jsonb_array_elements_text(d.data -> 'capitals')),
               coalesce((d.data -> 'consent' ->> 'identifiable')::boolean, false), lower(d.data -> 'consent' ->> 'scope'),
               d.data ->> 'loggedAt', d.data ->> 'retraction' is not null
        from {Fixture.Schema}.mt_doc_observation d
        """;

    private string FromTally => $"""
        select t.id, t.observed_on, t.partner_id::text, t.themes, t.capitals, t.identifiable, t.scope,
               t.logged_at, t.retracted_at is not null
        from {Fixture.Schema}.observation_tally t
        """;

    private static string WriteDrop(DbObjectName documents)
    {
        var writer = new StringWriter();
        new ObservationTally(documents).WriteDropStatement(null!, writer);
        return writer.ToString();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each row as one line (id, day, partner, themes, capitals, identifiable, scope, logged, retracted), sorted.</summary>
    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|",
                reader.GetGuid(0), DateOnly.FromDateTime(reader.GetDateTime(1)), reader.GetString(2),
                "{" + string.Join(",", reader.GetFieldValue<string[]>(3)) + "}", "{" + string.Join(",", reader.GetFieldValue<string[]>(4)) + "}",
                reader.GetBoolean(5), reader.GetString(6), Moment(reader.GetValue(7)),
                reader.GetBoolean(8) ? "retracted" : "kept"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The JSON's text or PostgreSQL's timestamp, to the millisecond (PostgreSQL keeps microseconds).</summary>
    private static string Moment(object value) =>
        (value is string text ? DateTimeOffset.Parse(text).UtcDateTime : (DateTime)value).ToString("yyyy-MM-ddTHH:mm:ss.fff");
}
