using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Auth;

/// <summary>
/// The gateway's one authentication provider, "Bearer": JWTs signed with
/// HS256 under a shared key (Gateway:Jwt:*). A real deployment would point
/// JwtBearer at an identity provider's Authority instead; a shared key keeps
/// the demo self-contained. Claims keep the names they have in the token
/// (sub, role), because Ocelot files name them that way in
/// RouteClaimsRequirement and Claims[...].
/// </summary>
public sealed record GatewayJwt(string Issuer, string Audience, string SigningKey)
{
    public const string ProviderKey = JwtBearerDefaults.AuthenticationScheme;

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));

    /// <summary>Reads Gateway:Jwt, or stops start-up naming the key that is missing or too weak.</summary>
    public static GatewayJwt FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway:Jwt");
        var issuer = section["Issuer"];
        var audience = section["Audience"];
        var signingKey = section["SigningKey"];
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw StartupException.ForKey("Gateway:Jwt:Issuer", "required (the iss every token must carry)");
        }

        if (string.IsNullOrWhiteSpace(audience))
        {
            throw StartupException.ForKey("Gateway:Jwt:Audience", "required (the aud every token must carry)");
        }

        if (string.IsNullOrEmpty(signingKey) || Encoding.UTF8.GetByteCount(signingKey) < 32)
        {
            throw StartupException.ForKey("Gateway:Jwt:SigningKey", "needs at least 32 bytes (HS256 signs with a 256-bit key)");
        }

        return new GatewayJwt(issuer, audience, signingKey);
    }

    public void Configure(JwtBearerOptions options)
    {
        // Keep "sub" and "role" as they are; the default would rename them to long claim-type URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = "sub",
            RoleClaimType = "role",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>A signed token for the demo's token endpoint.</summary>
    public string CreateToken(string subject, IReadOnlyCollection<string> roles, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (roles.Count > 0)
        {
            claims["role"] = roles.Count == 1 ? roles.First() : roles.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    public static IEnumerable<Claim> RolesOf(ClaimsPrincipal user) => user.FindAll("role");
}
