using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Samples.ForwardProxy;

/// <summary>
/// The parent proxy this proxy fetches through (ForwardProxy:Upstream), or none.
/// Chaining is how an office proxy reaches the internet through its provider's, or
/// a department's through the company's: the child keeps its own rules (filter,
/// cache, anonymity) and hands every fetch to the parent, exactly as a client
/// hands its fetches to the child. Plain requests go to the parent in absolute
/// form (YARP's HttpClient does that once its handler has this as its IWebProxy);
/// tunnels become a CONNECT of our own to the parent (<see cref="ParentTunnel"/>).
/// Hosts in Upstream:Bypass, and every host when there is no parent, go direct.
/// </summary>
public sealed class UpstreamProxy : IWebProxy
{
    private readonly HostFilter _bypass;
    private readonly LoopDetector _loopDetector;

    public UpstreamProxy(IOptions<ForwardProxyOptions> options, LoopDetector loopDetector)
    {
        var upstream = options.Value.Upstream;
        _loopDetector = loopDetector;
        _bypass = HostFilter.From(upstream.Bypass);
        Address = upstream.ParentAddress();
        if (upstream.UserPassword() is var (user, password))
        {
            Credentials = new NetworkCredential(user, password);
            ProxyAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        }
    }

    /// <summary>The parent proxy, or null when every fetch goes direct.</summary>
    public Uri? Address { get; }

    /// <summary>host:port of the parent, as errors and the access log name it.</summary>
    public string Parent => Address?.Authority ?? "none";

    /// <summary>The Basic Proxy-Authorization value for the parent, or null when it needs none.</summary>
    public string? ProxyAuthorization { get; }

    /// <summary>The parent's credentials, for the 407 challenge of a CONNECT that HttpClient opens itself.</summary>
    public ICredentials? Credentials { get; set; }

    /// <summary>True when a fetch from <paramref name="host"/> goes through the parent.</summary>
    public bool IsViaParent(string host) => Address is not null && _bypass.Match(host) is null;

    /// <summary>What the access log says about the way to <paramref name="host"/>.</summary>
    public string RouteFor(string host) => IsViaParent(host) ? $"via parent {Parent}" : "direct";

    /// <summary>Who a tunnel to <paramref name="authority"/> waits for: the origin, or the parent on its behalf.</summary>
    public string NextHop(string host, string authority) =>
        IsViaParent(host) ? $"the parent proxy {Parent} (asked for {authority})" : authority;

    /// <summary>A proxy's answer that blames the parent: "502 Bad Gateway: the parent proxy host:port ...".</summary>
    public string Problem(string what) =>
        $"502 Bad Gateway: the parent proxy {Parent} (ForwardProxy:Upstream:Address) {what}\n";

    /// <summary>
    /// True when the parent is this proxy itself: every request would come back to it, and
    /// (at the Elite level, without Via) nothing else would notice.
    /// </summary>
    public Task<bool> ParentIsSelfAsync(CancellationToken cancellationToken) =>
        Address is null ? Task.FromResult(false) : _loopDetector.IsLoopAsync(Address.IdnHost, Address.Port, cancellationToken);

    /// <summary>
    /// The handler YARP forwards with: unchanged when there is no parent; otherwise it
    /// asks this class, per request, whether to go through the parent, and
    /// <see cref="ParentProxyHandler"/> in front of it adds the credentials and names
    /// the parent when it fails.
    /// </summary>
    public HttpMessageHandler Chain(SocketsHttpHandler toOrigins)
    {
        if (Address is null)
        {
            return toOrigins;
        }

        toOrigins.UseProxy = true;
        toOrigins.Proxy = this;
        return new ParentProxyHandler(this) { InnerHandler = toOrigins };
    }

    /// <summary>
    /// Opens <paramref name="socket"/> to host:port for a tunnel: straight to the origin, or
    /// through the parent with a CONNECT of our own. A parent that fails throws
    /// <see cref="ParentProxyException"/>; an origin that fails throws as a socket does.
    /// </summary>
    public async Task ConnectAsync(Socket socket, string host, int port, string authority, CancellationToken cancellationToken)
    {
        if (!IsViaParent(host))
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return;
        }

        if (await ParentIsSelfAsync(cancellationToken))
        {
            throw new ParentProxyException(StatusCodes.Status508LoopDetected, $"508 Loop Detected: ForwardProxy:Upstream:Address ({Parent}) is this proxy itself\n");
        }

        await ParentTunnel.OpenAsync(socket, this, authority, cancellationToken);
    }

    Uri? IWebProxy.GetProxy(Uri destination) => Address;

    bool IWebProxy.IsBypassed(Uri host) => !IsViaParent(host.IdnHost);
}

/// <summary>Wiring for the parent proxy.</summary>
public static class UpstreamProxyExtensions
{
    /// <summary>The parent proxy, built once from ForwardProxy:Upstream (none by default).</summary>
    public static IServiceCollection AddUpstreamProxy(this IServiceCollection services) =>
        services.AddSingleton<UpstreamProxy>();
}
