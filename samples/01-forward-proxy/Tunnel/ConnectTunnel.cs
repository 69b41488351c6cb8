using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// HTTPS through a forward proxy: the client sends "CONNECT host:443", the proxy
/// opens a TCP connection to that host and answers 200, and from then on it
/// copies bytes both ways without understanding them (the TLS inside is between
/// client and origin). ASP.NET Core's request pipeline cannot hand over a raw
/// connection, so this is Kestrel connection middleware: it peeks at the first
/// bytes of every new connection and takes only the CONNECT ones; everything
/// else goes on, untouched, into the HTTP pipeline on the same port.
/// All a tunnel shows the proxy is host and port, so that is all it can filter by.
/// </summary>
public sealed class ConnectTunnel(ConnectionDelegate next, IServiceProvider services)
{
    private readonly TimeSpan _upstreamTimeout = services.GetRequiredService<IOptions<ForwardProxyOptions>>().Value.UpstreamTimeout;
    private readonly ConnectPorts _ports = services.GetRequiredService<ConnectPorts>();
    private readonly ContentFilter _filter = services.GetRequiredService<ContentFilter>();
    private readonly HttpsInspection _inspection = services.GetRequiredService<HttpsInspection>();
    private readonly ProxyAuthentication _authentication = services.GetRequiredService<ProxyAuthentication>();
    private readonly LoopDetector _loopDetector = services.GetRequiredService<LoopDetector>();
    private readonly AccessLog _accessLog = services.GetRequiredService<AccessLog>();
    private readonly ForwardProxyMetrics _metrics = services.GetRequiredService<ForwardProxyMetrics>();
    private readonly UpstreamProxy _upstream = services.GetRequiredService<UpstreamProxy>();
    private readonly KestrelServerLimits _limits = services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        bool isConnect;
        try
        {
            // A connection that never sends a byte is dropped after Kestrel's keep-alive
            // timeout, as Kestrel would drop it, so idle sockets cannot pile up here.
            using var firstBytes = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            firstBytes.CancelAfter(_limits.KeepAliveTimeout);
            isConnect = await ConnectHead.StartsWithConnectAsync(connection.Transport.Input, firstBytes.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException)
        {
            return;
        }

        if (isConnect)
        {
            await TunnelAsync(connection);
        }
        else
        {
            await next(connection);
        }
    }

    private async Task TunnelAsync(ConnectionContext connection)
    {
        var started = Stopwatch.GetTimestamp();
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        var client = (connection.RemoteEndPoint as IPEndPoint)?.Address is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "?";
        var target = "?";
        string? rule = null;
        string? route = null;

        async Task RefuseAsync(int status, string body, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers)
        {
            await TunnelResponse.WriteAsync(output, status, contentType, body, headers);
            _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, status, Stopwatch.GetElapsedTime(started), null, rule, Route: route));
        }

        try
        {
            using var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            headTimeout.CancelAfter(_limits.RequestHeadersTimeout);
            var (head, headStatus) = await ConnectHead.ReadAsync(input, _limits, headTimeout.Token);
            if (head is null)
            {
                if (headStatus != 0)
                {
                    await RefuseAsync(headStatus, TunnelResponse.Explain(headStatus, "the CONNECT request head is too large"));
                }

                return;
            }

            if (!ConnectRequest.TryParse(head, out var request, out var status, out var problem))
            {
                await RefuseAsync(status, TunnelResponse.Explain(status, problem));
                return;
            }

            target = request!.Authority;

            // The same gates as plain HTTP, in the same order: who is asking, may this host
            // be reached at all, may a tunnel go to this port, is it the proxy itself.
            if (!_authentication.IsAllowed(request.Header(HeaderNames.ProxyAuthorization)))
            {
                await RefuseAsync(StatusCodes.Status407ProxyAuthenticationRequired, "407 Proxy Authentication Required\n", headers: (HeaderNames.ProxyAuthenticate, ProxyAuthentication.Challenge));
                return;
            }

            if (_filter.BlockingHostRule(request.Host) is { } hostRule)
            {
                rule = hostRule;
                var (contentType, body) = BlockPage.Render(target, rule, request.Header(HeaderNames.Accept));
                await RefuseAsync(StatusCodes.Status403Forbidden, body, contentType);
                return;
            }

            if (!_ports.Allows(request.Port))
            {
                rule = $"AllowedConnectPorts {string.Join(",", _ports.All)}";
                var (contentType, body) = BlockPage.Render(target, rule, request.Header(HeaderNames.Accept));
                await RefuseAsync(StatusCodes.Status403Forbidden, body, contentType);
                return;
            }

            if (await _loopDetector.IsLoopAsync(request.Host, request.Port, connection.ConnectionClosed))
            {
                await RefuseAsync(StatusCodes.Status508LoopDetected, $"508 Loop Detected: {target} is this proxy itself\n");
                return;
            }

            // HTTPS inspection (off by default): for the hosts it names, the proxy ends the
            // client's TLS itself and the requests inside go through the HTTP pipeline.
            if (_inspection.AuthorityFor(request.Host) is { } authority)
            {
                await output.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), connection.ConnectionClosed);
                string outcome;
                try
                {
                    using var inspected = _metrics.TunnelOpen();
                    await new InspectedTunnel(request.Host, request.Port).RunAsync(connection, next, authority, _limits.RequestHeadersTimeout);
                    outcome = "tunnel inspected";
                }
                catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
                {
                    outcome = $"tunnel inspected, TLS handshake with the client failed ({ex.GetBaseException().Message})";
                }

                _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started), null, null, outcome));
                return;
            }

            // Straight to the origin, or through the parent proxy with a CONNECT of our own (Upstream/).
            route = _upstream.RouteFor(request.Host);
            using var origin = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                connectTimeout.CancelAfter(_upstreamTimeout);
                try
                {
                    await _upstream.ConnectAsync(origin, request.Host, request.Port, target, connectTimeout.Token);
                }
                catch (ParentProxyException ex)
                {
                    await RefuseAsync(ex.Status, ex.Message);
                    return;
                }
                catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested)
                {
                    await RefuseAsync(StatusCodes.Status504GatewayTimeout, $"504 Gateway Timeout: {_upstream.NextHop(request.Host, target)} did not open the connection within {_upstreamTimeout}\n");
                    return;
                }
                catch (SocketException ex)
                {
                    await RefuseAsync(StatusCodes.Status502BadGateway, $"502 Bad Gateway: could not connect to {target} ({ex.SocketErrorCode})\n");
                    return;
                }
            }

            await output.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), connection.ConnectionClosed);
            // The pump ends on server shutdown, not on ConnectionClosed: Kestrel fires that
            // when the client half-closes, and a half-closed client still awaits its answer.
            var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
            using var open = _metrics.TunnelOpen();
            var (up, down, endedBy) = await TunnelPump.RunAsync(input, output, origin, _limits.KeepAliveTimeout, shutdown);
            _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started), null, null, $"tunnel up={up}B down={down}B ended-by={endedBy}", route));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or SocketException)
        {
            // The client went away or was too slow to send its head; there is nobody to answer.
        }
    }
}
