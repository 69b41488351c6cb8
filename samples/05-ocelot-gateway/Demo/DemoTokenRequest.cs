using System.Text.Json;
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

    public static async Task<IResult> AnswerAsync(HttpRequest http, GatewayJwt issuer, TimeProvider time)
    {
        var request = await ReadAsync(http);
        if (request is null || string.IsNullOrWhiteSpace(request.User) || request.User.Length > 64)
        {
            return Results.Json(new TokenRefusal("a JSON body whose \"user\" is 1 to 64 characters is required"), DemoJson.Default.TokenRefusal, statusCode: StatusCodes.Status400BadRequest);
        }

        var roles = string.IsNullOrWhiteSpace(request.Role) ? [] : request.Role.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var token = issuer.CreateToken(request.User, roles, Lifetime, time.GetUtcNow());
        return Results.Json(new TokenAnswer(token, "Bearer", (int)Lifetime.TotalSeconds), DemoJson.Default.TokenAnswer);
    }

    // Read with the generated code named here, since a native build cannot make its own; anything not JSON is no request.
    private static async Task<DemoTokenRequest?> ReadAsync(HttpRequest http)
    {
        try
        {
            return await http.ReadFromJsonAsync(DemoJson.Default.DemoTokenRequest, http.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
