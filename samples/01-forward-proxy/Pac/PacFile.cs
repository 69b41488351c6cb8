using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Samples.ForwardProxy;

/// <summary>
/// A proxy auto-config (PAC) file: the small JavaScript function browsers and
/// operating systems fetch from a URL and then ask, for every request, "which proxy
/// for this URL?" (FindProxyForURL). This one answers DIRECT for the hosts in
/// ForwardProxy:Pac:Direct and "PROXY this-proxy" for everything else, so pointing a
/// browser at http://127.0.0.1:8081/proxy.pac is all the configuring it needs.
/// Served on the proxy's own address, like its info page, and never proxied.
/// </summary>
public static class PacFile
{
    public const string Path = "/proxy.pac";

    /// <summary>The media type browsers expect for a PAC file (Netscape's, still the one in use).</summary>
    public const string MediaType = "application/x-ns-proxy-autoconfig";

    public static async Task AnswerAsync(HttpContext context)
    {
        var direct = context.RequestServices.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.Pac.DirectHosts();

        // Browsers cache a PAC file; no-cache makes them ask again, so a restart with other settings shows.
        context.Response.Headers.CacheControl = "no-cache";
        await ProxyAnswer.WriteAsync(context, StatusCodes.Status200OK, Script(direct.Patterns, ProxyAddress(context)), MediaType);
    }

    /// <summary>The script for these (normalised) patterns, naming the proxy as host:port.</summary>
    public static string Script(IEnumerable<string> directPatterns, string proxy)
    {
        var tests = directPatterns.Select(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? $"host == \"{pattern[2..]}\" || dnsDomainIs(host, \"{pattern[1..]}\")"
            : $"host == \"{pattern}\"");
        var script = new StringBuilder()
            .Append("// Proxy auto-config from the samples' forward proxy (sample 01).\n")
            .Append("// DIRECT: the hosts in ForwardProxy:Pac:Direct; everything else through the proxy.\n")
            .Append("function FindProxyForURL(url, host) {\n")
            .Append("    host = host.toLowerCase();\n")
            .Append("    if (host.charAt(0) == \"[\") host = host.substring(1, host.length - 1);\n")
            .Append("    if (host.charAt(host.length - 1) == \".\") host = host.substring(0, host.length - 1);\n");
        foreach (var test in tests)
        {
            script.Append("    if (").Append(test).Append(") return \"DIRECT\";\n");
        }

        // No "; DIRECT" fallback: a filtering proxy that browsers quietly go around while it is down filters nothing.
        return script.Append("    return \"PROXY ").Append(proxy).Append("\";\n}\n").ToString();
    }

    // The address the client reached us at: the Host it asked for (a name such as
    // proxy.local:8081 stays a name), or the socket's own address when Host is missing.
    private static string ProxyAddress(HttpContext context)
    {
        var host = context.Request.Host;
        var port = (host.Port ?? context.Connection.LocalPort).ToString(CultureInfo.InvariantCulture);
        if (host.HasValue && Uri.CheckHostName(host.Host.Trim('[', ']')) != UriHostNameType.Unknown)
        {
            return $"{host.Host}:{port}";
        }

        var local = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        local = local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local;
        return local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]:{port}" : $"{local}:{port}";
    }
}
