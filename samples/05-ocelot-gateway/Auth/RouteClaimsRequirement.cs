using Microsoft.AspNetCore.Authorization;
using Samples.OcelotGateway.Configuration;

namespace Samples.OcelotGateway.Auth;

/// <summary>
/// Ocelot's RouteClaimsRequirement and AllowedScopes as an ASP.NET Core
/// authorization requirement. The authorization middleware answers 401 when
/// no scheme vouched for the caller and 403 when one did but this fails,
/// which are Ocelot's codes.
/// </summary>
public sealed class RouteClaimsRequirement(OcelotRoute route) : IAuthorizationRequirement
{
    public OcelotRoute Route { get; } = route;
}

/// <summary>
/// A claim type may appear several times in one token ("role": ["user",
/// "admin"]); the requirement holds when any of those values is the one asked
/// for. A required value written "{name}" is compared with the route's
/// placeholder of that name (the caller may only reach their own resources).
/// </summary>
public sealed class RouteClaimsRequirementHandler : AuthorizationHandler<RouteClaimsRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RouteClaimsRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        foreach (var (type, required) in requirement.Route.RouteClaimsRequirement)
        {
            var expected = required;
            if (required.Length > 2 && required[0] == '{' && required[^1] == '}')
            {
                expected = http?.GetRouteValue(required[1..^1])?.ToString();
            }

            if (expected is null || !context.User.FindAll(type).Any(c => c.Value == expected))
            {
                context.Fail(new AuthorizationFailureReason(this, $"claim '{type}' with value '{required}' is required"));
                return Task.CompletedTask;
            }
        }

        var allowed = requirement.Route.AuthenticationOptions.AllowedScopes;
        if (allowed.Count > 0)
        {
            // "scope" may be one space-separated string (RFC 8693) or a repeated claim.
            var scopes = context.User.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!scopes.Intersect(allowed, StringComparer.Ordinal).Any())
            {
                context.Fail(new AuthorizationFailureReason(this, $"one of the scopes {string.Join(", ", allowed)} is required"));
                return Task.CompletedTask;
            }
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
