using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Samples.OcelotGateway.Settings;

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

    /// <summary>Gateway:Jwt, already checked by the settings' validator when the gateway started.</summary>
    public static GatewayJwt From(GatewayJwtOptions options) =>
        new(options.Issuer ?? string.Empty, options.Audience ?? string.Empty, options.SigningKey ?? string.Empty);

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
