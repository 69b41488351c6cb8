namespace Samples.Tests.ForwardProxy;

/// <summary>
/// A bare TCP connection to the proxy, for what HttpClient will not send
/// (malformed requests, smuggling attempts, CONNECT with chosen headers) and
/// for reading exactly what came back.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;

    private RawConnection(Socket socket) => _socket = socket;

    public Socket Socket => _socket;

    public static async Task<RawConnection> OpenAsync(Uri proxy, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(proxy.Host), proxy.Port), cancellationToken);
        return new RawConnection(socket);
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None, cancellationToken);

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken) =>
        await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);

    /// <summary>Reads until the peer closes or nothing arrives for <paramref name="quiet"/>; says whether it closed.</summary>
    public async Task<(string Text, bool Closed)> ReadAllAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(quiet);
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (Encoding.Latin1.GetString(received.ToArray()), false);
            }
            catch (SocketException)
            {
                return (Encoding.Latin1.GetString(received.ToArray()), true);
            }

            if (read == 0)
            {
                return (Encoding.Latin1.GetString(received.ToArray()), true);
            }

            received.Write(buffer, 0, read);
        }
    }

    /// <summary>Reads up to and including the blank line that ends a response head.</summary>
    public Task<string> ReadHeadAsync(CancellationToken cancellationToken) =>
        RawOrigin.ReadHeadAsync(_socket, cancellationToken);

    /// <summary>Asks the proxy for a tunnel to <paramref name="host"/>:<paramref name="port"/>, with any extra header lines ("Accept: text/html\r\n").</summary>
    public Task SendConnectAsync(string host, int port, CancellationToken cancellationToken, string extraHeaders = "") =>
        SendAsync($"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n{extraHeaders}\r\n", cancellationToken);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
