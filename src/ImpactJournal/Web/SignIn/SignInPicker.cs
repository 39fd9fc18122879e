using ImpactJournal.Demo;

namespace ImpactJournal.Web;

/// <summary>
/// The Development sign-in picker: the demo alliance's members to choose from, so a newcomer can see
/// the app as each of them. Only in Development and Testing, and only when no OIDC authority is
/// configured; the service refuses to start with it switched on anywhere else.
/// </summary>
public static class SignInPicker
{
    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Web:SignInPicker", !environment.IsProduction())
        && string.IsNullOrEmpty(configuration["Web:Oidc:Authority"]);

    public static void Guard(WebApplicationBuilder builder)
    {
        if (IsOn(builder.Configuration, builder.Environment) && !(builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")))
            throw new InvalidOperationException(
                "Web:SignInPicker lets anyone sign in as anyone; it is only for Development and Testing. Configure Web:Oidc:Authority instead.");
    }

    /// <summary>The people to choose from: the demo members, and someone who belongs to no alliance yet.</summary>
    public static async Task<IReadOnlyList<(string Subject, string Name, string Role)>> PeopleAsync(CancellationToken ct)
    {
        var demo = await DemoSeed.ReadSeedFileAsync(ct);
        return
        [
            .. demo.Members.Select(m => (m.Subject, m.DisplayName,
                Infrastructure.Vocabulary.Spell(m.Role) + (m.PartnerId is { } p ? $", {demo.Partners.FirstOrDefault(x => x.Id == p)?.Name}" : ""))),
            ("visitor@ashworth.example", "Alex Visitor", "not a member of any alliance yet")
        ];
    }
}
