namespace Samples.Tests.ForwardProxy;

/// <summary>
/// An origin that is only a TCP listener, for what WireMock cannot show: the
/// exact bytes of a response head (hop-by-hop headers), whether a connection
/// was ever opened, half close and when a socket was closed. Each accepted
/// connection is handed to <c>serve</c>.
/// </summary>
public sealed class RawOrigin : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _accepted;

    public RawOrigin(Func<Socket, CancellationToken, Task> serve)
    {
        _listener.Start();
        _acceptLoop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _accepted);
                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        try
                        {
                            await serve(socket, _stop.Token);
                        }
                        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
                        {
                            Errors.Enqueue(ex);
                        }
                    }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections reached this origin.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>An origin that reads whatever comes and completes <paramref name="sawClose"/> when the proxy closes its side.</summary>
    public static RawOrigin UntilClosed(TaskCompletionSource sawClose) => new(async (socket, token) =>
    {
        var buffer = new byte[1024];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, token) > 0)
        {
        }

        sawClose.TrySetResult();
    });

    /// <summary>An origin that reads each request head and answers with exactly <paramref name="response"/> (ASCII), byte for byte.</summary>
    public static RawOrigin Answering(string response) => new(async (socket, token) =>
    {
        await ReadHeadAsync(socket, token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, token);
    });

    /// <summary>Reads a request head (up to the blank line) from an accepted socket.</summary>
    public static async Task<string> ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
