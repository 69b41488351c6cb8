using Microsoft.Extensions.Options;

namespace Samples.ForwardProxy;

/// <summary>
/// Which CONNECT tunnels the proxy decrypts (ForwardProxy:HttpsInspection): none
/// unless it is enabled, then only those to the listed hosts. The root CA that
/// signs the leaf certificates is made (or loaded from .certs/) only when
/// inspection is on.
/// </summary>
public sealed class HttpsInspection
{
    private readonly HostFilter _hosts;

    public HttpsInspection(IOptions<ForwardProxyOptions> options, IServiceProvider services)
    {
        var inspection = options.Value.HttpsInspection;
        _hosts = inspection.Enabled ? HostFilter.From(inspection.Hosts) : new HostFilter([]);
        Authority = inspection.Enabled ? services.GetRequiredService<RootCertificateAuthority>() : null;
    }

    /// <summary>The proxy's root CA while inspection is on; null when it is off.</summary>
    public RootCertificateAuthority? Authority { get; }

    /// <summary>The host patterns inspected (empty while inspection is off).</summary>
    public IReadOnlyList<string> Hosts => _hosts.Patterns;

    /// <summary>The root CA to impersonate <paramref name="host"/> with, or null when its tunnel stays blind.</summary>
    public RootCertificateAuthority? AuthorityFor(string host) =>
        Authority is not null && _hosts.Match(host) is not null ? Authority : null;
}

/// <summary>Wiring for HTTPS inspection.</summary>
public static class HttpsInspectionExtensions
{
    /// <summary>The policy, and the root CA kept under the sample's .certs/ folder (made on first use).</summary>
    public static IServiceCollection AddHttpsInspection(this IServiceCollection services)
    {
        services.AddSingleton(sp => RootCertificateAuthority.LoadOrCreate(
            Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, ".certs")));
        services.AddSingleton<HttpsInspection>();
        return services;
    }
}
