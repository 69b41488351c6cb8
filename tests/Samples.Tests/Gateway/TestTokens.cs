using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Samples.Tests.Gateway;

/// <summary>JWTs made in the test, independently of the gateway's own demo issuer: good ones and each kind of bad one.</summary>
public static class TestTokens
{
    public static string Create(
        string subject = "alice",
        string[]? roles = null,
        string issuer = GatewayUnderTest.Issuer,
        string audience = GatewayUnderTest.Audience,
        string signingKey = GatewayUnderTest.SigningKey,
        DateTimeOffset? expires = null,
        IDictionary<string, object>? extraClaims = null)
    {
        var now = DateTimeOffset.UtcNow;
        var end = expires ?? now.AddMinutes(10);
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (roles is { Length: 1 })
        {
            claims["role"] = roles[0];
        }
        else if (roles is { Length: > 1 })
        {
            claims["role"] = roles;
        }

        foreach (var (key, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[key] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = end.AddHours(-2).UtcDateTime,
            NotBefore = end.AddHours(-2).UtcDateTime,
            Expires = end.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
