using Microsoft.AspNetCore.Authorization;

namespace ImpactJournal.Access;

/// <summary>
/// The named access levels of alliance-scoped endpoints. Each endpoint under
/// <c>/api/alliances/{allianceId}</c> names one with <c>[Authorize(Policy = AllianceAccess.X)]</c>;
/// endpoints that name none get <see cref="Read"/>. A steward may do everything.
/// </summary>
public static class AllianceAccess
{
    /// <summary>Any member: stewards, partners, facilitators, commissioners.</summary>
    public const string Read = "alliance:read";

    /// <summary>Those who write observations, stories, ripples and readings.</summary>
    public const string Contribute = "alliance:contribute";

    /// <summary>Those who run mapping sessions and most-significant-change panels, and code ripples.</summary>
    public const string Facilitate = "alliance:facilitate";

    /// <summary>Those who write reflections and adaptations in learning reviews.</summary>
    public const string Reflect = "alliance:reflect";

    /// <summary>Administration of the alliance itself.</summary>
    public const string Steward = "alliance:steward";

    public static readonly IReadOnlyDictionary<string, AllianceRole[]> RolesByPolicy = new Dictionary<string, AllianceRole[]>
    {
        [Read] = [AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Commissioner],
        [Contribute] = [AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator],
        [Facilitate] = [AllianceRole.Steward, AllianceRole.Facilitator],
        [Reflect] = [AllianceRole.Steward, AllianceRole.Partner, AllianceRole.Facilitator, AllianceRole.Commissioner],
        [Steward] = [AllianceRole.Steward],
    };

    public static void AddAllianceAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var (name, roles) in RolesByPolicy)
            {
                options.AddPolicy(name, policy => policy
                    .RequireAuthenticatedUser()
                    .AddRequirements(new AllianceRoleRequirement(roles)));
            }
        });
        services.AddSingleton<AllianceDirectory>();
        services.AddScoped<IAuthorizationHandler, AllianceRoleCheck>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDeniedAsProblem>();
    }
}

public sealed record AllianceRoleRequirement(IReadOnlyList<AllianceRole> Allowed) : IAuthorizationRequirement;
