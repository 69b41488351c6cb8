using System.Text.Json.Serialization;
using Samples.OcelotGateway.Auth;

namespace Samples.OcelotGateway.Demo;

/// <summary>
/// The demo's token endpoint (POST /demo/token {"user": "...", "role": "..."}),
/// there only while the demo backends run, so curl users can try the
/// authenticated routes. It signs whatever it is asked for: never a pattern
/// for a real identity provider.
/// </summary>
public sealed record DemoTokenRequest(string? User, string? Role)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static IResult Answer(DemoTokenRequest request, GatewayJwt issuer, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.User) || request.User.Length > 64)
        {
            return Results.BadRequest(new { error = "\"user\" is required (at most 64 characters)" });
        }

        var roles = string.IsNullOrWhiteSpace(request.Role) ? [] : request.Role.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var token = issuer.CreateToken(request.User, roles, Lifetime, time.GetUtcNow());
        return Results.Json(new TokenAnswer(token, "Bearer", (int)Lifetime.TotalSeconds));
    }

    public sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
