using ImpactJournal.Tests.Support;
using Marten;

namespace ImpactJournal.Tests.UseCases;

/// <summary>What a door case works with: an alliance of its own, the acting person at the API and at the pages.</summary>
public sealed record Doors(Guid AllianceId, Guid PartnerId, Support.Api Steward, Support.Api Api, PageVisitor Page, IDocumentStore Store)
{
    public string ApiBase => $"/api/alliances/{AllianceId}";

    public string PageBase => $"/alliances/{AllianceId}";

    /// <summary>Sends a JSON body to the API as the acting person; the status, whatever it is.</summary>
    public async Task<int> SendAsync(HttpMethod method, string url, object? body)
    {
        var json = body is null ? null : System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web);
        return (await Api.SendRaw(method, url, json)).Status;
    }

    /// <summary>Posts a page's form as the acting person; the status (a saved form answers 302).</summary>
    public async Task<int> PostFormAsync(string url, string? handler, Dictionary<string, string> fields) =>
        (await Page.PostFormAsync(url, handler, fields)).Status;

    /// <summary>Sends a CSV file to the API as the acting person; the status.</summary>
    public async Task<int> SendCsvAsync(string url, string csv) => (await Api.SendRaw(HttpMethod.Post, url, csv, "text/csv")).Status;

    /// <summary>Uploads a CSV file through a page's form as the acting person; the status.</summary>
    public async Task<int> UploadCsvAsync(string url, string csv) => (await Page.PostFileAsync(url, null, "file", "upload.csv", csv)).Status;
}

/// <summary>
/// One write use case, performed once through the API and once through its page, each on a record of its own:
/// both must store the same events, and refuse the same bad input the same way.
/// </summary>
/// <param name="Subject">who acts: one of the demo members the Development sign-in picker offers</param>
/// <param name="Arrange">makes the record a door acts on (each door gets its own), or a fresh id for a create</param>
/// <param name="ThroughApi">performs it through the API, with bad input when asked; answers the status</param>
/// <param name="ThroughPage">performs it through the page, with the same input; answers the status</param>
/// <param name="OwnAlliance">
/// the record is an alliance's own stream: <see cref="Arrange"/> forms an alliance for each door, and its events are read in
/// that alliance (an alliance's stream id is its own id and its tenant)
/// </param>
/// <param name="PageSaved">the page's status when it saved: a redirect, or 200 for a page that shows what was saved in place</param>
/// <param name="StreamOf">the stream whose events are compared, given what <see cref="Arrange"/> made (by default that id itself)</param>
public sealed record DoorCase(
    string Name,
    string Subject,
    Func<Doors, Task<Guid>> Arrange,
    Func<Doors, Guid, bool, Task<int>> ThroughApi,
    Func<Doors, Guid, bool, Task<int>> ThroughPage,
    bool OwnAlliance = false,
    int PageSaved = 302,
    Func<Guid, Guid>? StreamOf = null)
{
    public override string ToString() => Name;
}
