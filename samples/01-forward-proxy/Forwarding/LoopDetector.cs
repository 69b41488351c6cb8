using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Samples.ForwardProxy;

/// <summary>
/// Recognises a request whose target is this proxy itself. A Squid-style check
/// looks for the proxy's own name in Via, but an Elite proxy sends no Via, so
/// this one compares addresses: the target's resolved IP and port against the
/// addresses the server actually listens on (after port 0 was resolved).
/// </summary>
public sealed class LoopDetector(IServer server)
{
    // The addresses do not change once the server listens, so they are read once (on the first request).
    private IPEndPoint[]? _listening;

    public async Task<bool> IsLoopAsync(string host, int port, CancellationToken cancellationToken)
    {
        // Most requests go to another port than the proxy's: that answer needs no name lookup.
        var all = _listening ?? ReadListeningEndPoints();
        if (!Array.Exists(all, e => e.Port == port))
        {
            return false;
        }

        var listening = all.Where(e => e.Port == port).ToList();

        IPAddress[] targets;
        try
        {
            targets = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false; // An unresolvable name is the forwarder's 502, not a loop.
        }

        return targets.Select(Canonical).Any(target => listening.Any(l =>
            l.Address.Equals(target)
            || ((l.Address.Equals(IPAddress.Any) || l.Address.Equals(IPAddress.IPv6Any)) && IsLocal(target))));
    }

    private IPEndPoint[] ReadListeningEndPoints()
    {
        var endPoints = ListeningEndPoints().ToArray();
        if (endPoints.Length > 0)
        {
            _listening = endPoints;
        }

        return endPoints;
    }

    private IEnumerable<IPEndPoint> ListeningEndPoints()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                yield return new IPEndPoint(IPAddress.Loopback, uri.Port);
                yield return new IPEndPoint(IPAddress.IPv6Loopback, uri.Port);
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
            {
                yield return new IPEndPoint(Canonical(ip), uri.Port);
            }
        }
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsLocal(IPAddress address) =>
        IPAddress.IsLoopback(address)
        || NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(u => Canonical(u.Address).Equals(address));
}

/// <summary>The pipeline step that answers 508 instead of forwarding a request to the proxy itself.</summary>
public static class LoopDetectionExtensions
{
    public static IServiceCollection AddLoopDetection(this IServiceCollection services) =>
        services.AddSingleton<LoopDetector>();

    public static IApplicationBuilder UseLoopDetection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var target = context.Features.GetRequiredFeature<ProxyRequestFeature>().Target;
            var detector = context.RequestServices.GetRequiredService<LoopDetector>();
            if (await detector.IsLoopAsync(target.Host, target.Port, context.RequestAborted))
            {
                await ProxyAnswer.WriteAsync(context, StatusCodes.Status508LoopDetected, $"508 Loop Detected: {target.Authority} is this proxy itself\n");
            }
            else
            {
                await next(context);
            }
        });
}
