using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
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
    private static readonly byte[] ConnectMethod = "CONNECT "u8.ToArray();
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly ForwardProxyOptions _options = services.GetRequiredService<ForwardProxyOptions>();
    private readonly ProxyAuthentication _authentication = services.GetRequiredService<ProxyAuthentication>();
    private readonly LoopDetector _loopDetector = services.GetRequiredService<LoopDetector>();
    private readonly AccessLog _accessLog = services.GetRequiredService<AccessLog>();
    private readonly KestrelServerLimits _limits = services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
    private readonly RootCertificateAuthority? _authority = services.GetService<RootCertificateAuthority>();

    /// <summary>Adds the tunnel in front of Kestrel's HTTP handling on a listener.</summary>
    public static void AddTo(ListenOptions listener) =>
        listener.Use(next => new ConnectTunnel(next, listener.ApplicationServices).OnConnectionAsync);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        bool isConnect;
        try
        {
            // A connection that never sends a byte is dropped after Kestrel's keep-alive
            // timeout, as Kestrel would drop it, so idle sockets cannot pile up here.
            using var firstBytes = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            firstBytes.CancelAfter(_limits.KeepAliveTimeout);
            isConnect = await StartsWithConnectAsync(connection.Transport.Input, firstBytes.Token);
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

    // Reads just enough to know whether the request starts with "CONNECT ", and
    // consumes nothing: the HTTP parser that runs next sees every byte.
    private static async Task<bool> StartsWithConnectAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var (decided, isConnect) = Classify(buffer);
            if (decided || result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.Start);
                return isConnect;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (bool Decided, bool IsConnect) Classify(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[ConnectMethod.Length];
        var length = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, length).CopyTo(head);
        var samePrefix = head[..length].SequenceEqual(ConnectMethod.AsSpan(0, length));
        return (!samePrefix || length == ConnectMethod.Length, samePrefix && length == ConnectMethod.Length);
    }

    private async Task TunnelAsync(ConnectionContext connection)
    {
        var started = Stopwatch.GetTimestamp();
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        var client = (connection.RemoteEndPoint as IPEndPoint)?.Address is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "?";
        var target = "?";
        string? rule = null;

        async Task RefuseAsync(int status, string body, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers)
        {
            await WriteResponseAsync(output, status, contentType, body, headers);
            _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, status, Stopwatch.GetElapsedTime(started), null, rule));
        }

        try
        {
            using var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            headTimeout.CancelAfter(_limits.RequestHeadersTimeout);
            var (head, headStatus) = await ReadHeadAsync(input, headTimeout.Token);
            if (head is null)
            {
                if (headStatus != 0)
                {
                    await RefuseAsync(headStatus, $"{headStatus} {ReasonPhrases.GetReasonPhrase(headStatus)}: the CONNECT request head is too large\n");
                }

                return;
            }

            if (!ConnectRequest.TryParse(head, out var request, out var status, out var problem))
            {
                await RefuseAsync(status, $"{status} {ReasonPhrases.GetReasonPhrase(status)}: {problem}\n");
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

            if (_options.BlockedHosts.Match(request.Host) is { } pattern)
            {
                rule = $"BlockedHosts {pattern}";
                var (contentType, body) = BlockPage.Render(target, rule, request.Header(HeaderNames.Accept));
                await RefuseAsync(StatusCodes.Status403Forbidden, body, contentType);
                return;
            }

            if (!_options.AllowedConnectPorts.Contains(request.Port))
            {
                rule = $"AllowedConnectPorts {string.Join(",", _options.AllowedConnectPorts)}";
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
            if (_authority is not null && _options.InspectionEnabled && _options.InspectedHosts.Match(request.Host) is not null)
            {
                await output.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), connection.ConnectionClosed);
                string outcome;
                try
                {
                    await new InspectedTunnel(request.Host, request.Port).RunAsync(connection, next, _authority, _limits.RequestHeadersTimeout);
                    outcome = "tunnel inspected";
                }
                catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
                {
                    outcome = $"tunnel inspected, TLS handshake with the client failed ({ex.GetBaseException().Message})";
                }

                _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started), null, null, outcome));
                return;
            }

            using var origin = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                connectTimeout.CancelAfter(_options.UpstreamTimeout);
                try
                {
                    await origin.ConnectAsync(request.Host, request.Port, connectTimeout.Token);
                }
                catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested)
                {
                    await RefuseAsync(StatusCodes.Status504GatewayTimeout, $"504 Gateway Timeout: {target} did not accept a connection within {_options.UpstreamTimeout}\n");
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
            var (up, down, endedBy) = await PumpAsync(input, output, origin, shutdown);
            _accessLog.Write(new AccessLogEntry(client, "CONNECT", target, StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started), null, null, $"tunnel up={up}B down={down}B ended-by={endedBy}"));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or SocketException)
        {
            // The client went away or was too slow to send its head; there is nobody to answer.
        }
    }

    // Reads up to the blank line that ends the CONNECT head, within Kestrel's own
    // limits for request lines and headers. Bytes after it (a client may send its
    // TLS hello without waiting for the 200) stay in the pipe for the tunnel.
    private async Task<(string? Head, int Status)> ReadHeadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryFindHead(buffer, out var head, out var afterHead))
            {
                var text = Encoding.Latin1.GetString(head);
                input.AdvanceTo(afterHead);
                return (text, 0);
            }

            var tooLong = FirstLineLength(buffer) > _limits.MaxRequestLineSize ? StatusCodes.Status414UriTooLong
                : buffer.Length > _limits.MaxRequestHeadersTotalSize + _limits.MaxRequestLineSize ? StatusCodes.Status431RequestHeaderFieldsTooLarge
                : 0;
            if (tooLong != 0 || result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return (null, tooLong);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryFindHead(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> head, out SequencePosition afterHead)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out head, EndOfHead, advancePastDelimiter: true))
        {
            afterHead = reader.Position;
            return true;
        }

        afterHead = buffer.End;
        return false;
    }

    private static long FirstLineLength(ReadOnlySequence<byte> buffer) =>
        buffer.PositionOf((byte)'\n') is { } newline ? buffer.Slice(0, newline).Length : buffer.Length;

    // Copies bytes both ways until the origin closes, the client goes away or
    // nothing moves for Kestrel's keep-alive timeout. A client's half close
    // (it has sent everything) is passed on to the origin, whose remaining answer
    // still flows back. Kestrel's transport can only close both directions at
    // once, so the origin's close ends the tunnel. The log says who ended it.
    private async Task<(long Up, long Down, string EndedBy)> PumpAsync(PipeReader input, PipeWriter output, Socket origin, CancellationToken shutdown)
    {
        var idle = _limits.KeepAliveTimeout;
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        alive.CancelAfter(idle);
        long up = 0, down = 0;
        string? endedBy = null;
        void Ended(string reason) => Interlocked.CompareExchange(ref endedBy, reason, null);

        async Task ClientToOriginAsync()
        {
            try
            {
                while (true)
                {
                    var result = await input.ReadAsync(alive.Token);
                    foreach (var segment in result.Buffer)
                    {
                        await origin.SendAsync(segment, SocketFlags.None, alive.Token);
                        up += segment.Length;
                    }

                    input.AdvanceTo(result.Buffer.End);
                    if (!result.Buffer.IsEmpty)
                    {
                        alive.CancelAfter(idle);
                    }

                    if (result.IsCompleted)
                    {
                        Ended("client");
                        origin.Shutdown(SocketShutdown.Send);
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ConnectionResetException)
            {
                Ended(shutdown.IsCancellationRequested ? "shutdown" : alive.IsCancellationRequested ? "idle" : "client-error");
                await alive.CancelAsync();
            }
        }

        async Task OriginToClientAsync()
        {
            try
            {
                while (true)
                {
                    var memory = output.GetMemory(16 * 1024);
                    var read = await origin.ReceiveAsync(memory, SocketFlags.None, alive.Token);
                    if (read == 0)
                    {
                        Ended("origin");
                        return;
                    }

                    output.Advance(read);
                    down += read;
                    alive.CancelAfter(idle);
                    if ((await output.FlushAsync(alive.Token)).IsCompleted)
                    {
                        Ended("client");
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ConnectionResetException)
            {
                Ended(shutdown.IsCancellationRequested ? "shutdown" : alive.IsCancellationRequested ? "idle" : "origin-error");
            }
        }

        var toOrigin = ClientToOriginAsync();
        await OriginToClientAsync();
        await alive.CancelAsync();
        await toOrigin;
        return (up, down, endedBy ?? "origin");
    }

    private static async Task WriteResponseAsync(PipeWriter output, int status, string contentType, string body, (string Name, string Value)[] headers)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        // A refused CONNECT ends its connection: what the client sends next was meant for a tunnel.
        head.Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        await output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await output.WriteAsync(bodyBytes);
    }
}
