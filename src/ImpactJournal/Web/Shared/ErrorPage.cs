using System.Net;

namespace ImpactJournal.Web;

/// <summary>
/// What a person in a browser sees when something goes wrong outside a page's own handling: a plain
/// page in the app's style, never a stack trace or a JSON problem. The API keeps its problem details.
/// </summary>
public static class ErrorPage
{
    public static bool IsForPeople(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/openapi")
        && !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/docs");

    public static Task WriteAsync(HttpContext http)
    {
        var (title, detail) = http.Response.StatusCode switch
        {
            404 => ("Not found", "There is nothing at this address. It may have moved, or you may not be allowed to see it."),
            403 => ("You cannot do this here", "Your role does not allow this page."),
            429 => ("Please wait a moment", ImpactJournal.Invitations.ResidentLimits.PleaseWait),
            503 => ("The journal is briefly unavailable", "Nothing was lost. Please try again in a minute."),
            >= 500 => ("Something went wrong", "Nothing you typed was saved by this page. Please try again; if it keeps happening, tell your steward."),
            _ => ("That did not work", "The request could not be handled. Please go back and try again.")
        };
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · ImpactJournal</title><link rel="stylesheet" href="/app.css"></head>
            <body><header class="top"><div class="top-bar"><a class="brand" href="/">ImpactJournal</a></div></header>
            <main id="main"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p><p><a href="/">Back to your alliances</a></p></main>
            </body></html>
            """);
    }
}
