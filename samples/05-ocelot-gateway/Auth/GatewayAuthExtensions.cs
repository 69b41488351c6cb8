using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Settings;

namespace Samples.OcelotGateway.Auth;

/// <summary>What the "Bearer" provider and the routes' claims checks need besides the scheme itself.</summary>
public static class GatewayAuthExtensions
{
    /// <summary>
    /// Validates the "Bearer" scheme's tokens with Gateway:Jwt (read when the
    /// first token arrives, after the settings were checked at start-up), and
    /// adds the handler behind RouteClaimsRequirement and AllowedScopes.
    /// </summary>
    public static IServiceCollection AddGatewayJwt(this IServiceCollection services)
    {
        services.AddSingleton(sp => GatewayJwt.From(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Jwt));
        services.AddOptions<JwtBearerOptions>(GatewayJwt.ProviderKey).Configure<GatewayJwt>((options, jwt) => jwt.Configure(options));
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, RouteClaimsRequirementHandler>();
        return services;
    }
}
