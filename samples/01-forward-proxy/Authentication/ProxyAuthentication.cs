using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// Optional Basic authentication for the proxy itself (RFC 9110 §11.7): the
/// client proves who it is to the proxy with Proxy-Authorization, and a proxy
/// that wants credentials answers 407 with Proxy-Authenticate. Both headers
/// belong to the client-proxy hop only, so neither ever reaches an origin.
/// Used for plain requests here and for CONNECT by the tunnel.
/// </summary>
public sealed class ProxyAuthentication(IOptions<ForwardProxyOptions> options)
{
    private readonly IReadOnlyDictionary<string, string> _users = options.Value.Authentication.UserPasswords();

    public const string Realm = "samples-forward-proxy";

    public static string Challenge => $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    public bool Enabled => _users.Count > 0;

    /// <summary>The configured user names (the banner shows the first; passwords never leave this class).</summary>
    public IEnumerable<string> UserNames => _users.Keys;

    /// <summary>True when authentication is off, or the header carries a known user with the right password.</summary>
    public bool IsAllowed(string? proxyAuthorization)
    {
        if (!Enabled)
        {
            return true;
        }

        if (proxyAuthorization is null || !proxyAuthorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(proxyAuthorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_users.TryGetValue(decoded[..colon], out var password))
        {
            return false;
        }

        // Compare in constant time, so response timing tells an attacker nothing about the password.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(password));
    }
}

/// <summary>The pipeline step that asks for proxy credentials before anything is fetched.</summary>
public static class ProxyAuthenticationExtensions
{
    public static IServiceCollection AddProxyAuthentication(this IServiceCollection services) =>
        services.AddSingleton<ProxyAuthentication>();

    public static IApplicationBuilder UseProxyAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var authentication = context.RequestServices.GetRequiredService<ProxyAuthentication>();
            // Requests inside an inspected tunnel were authenticated with its CONNECT.
            if (context.Features.Get<ProxyRequestFeature>()?.Inspected == true
                || authentication.IsAllowed(context.Request.Headers[HeaderNames.ProxyAuthorization]))
            {
                await next(context);
                return;
            }

            context.Response.Headers[HeaderNames.ProxyAuthenticate] = ProxyAuthentication.Challenge;
            await ProxyAnswer.WriteAsync(context, StatusCodes.Status407ProxyAuthenticationRequired, "407 Proxy Authentication Required: send Proxy-Authorization: Basic (curl --proxy-user user:password)\n");
        });
}
