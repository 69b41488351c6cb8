namespace Samples.Tests.Infrastructure;

/// <summary>What came back on a raw connection: the status line, and whether the server closed it.</summary>
public sealed record RawAnswer(string StatusLine, bool Closed, string Text)
{
    public int Status => StatusLine.Split(' ') is [_, var code, ..] && int.TryParse(code, out var s) ? s : 0;
}

/// <summary>Sends bytes no well-behaved client would send, over a plain TCP connection.</summary>
public static class RawHttp
{
    public static async Task<RawAnswer> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancellationToken);
        var buffer = new byte[64 * 1024];
        var received = new MemoryStream();
        var closed = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    closed = true;
                    break;
                }

                received.Write(buffer, 0, n);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server kept the connection open: that is allowed for most cases.
        }
        catch (IOException)
        {
            closed = true;
        }

        var text = Encoding.Latin1.GetString(received.ToArray());
        var statusLine = text.Split("\r\n")[0];
        return new RawAnswer(statusLine, closed, text);
    }

    /// <summary>Sends <paramref name="raw"/> as Latin-1 bytes (one byte per character, CR and LF as written).</summary>
    public static Task<RawAnswer> SendAsync(Uri server, string raw, CancellationToken cancellationToken) =>
        SendAsync(server, Bytes(raw), cancellationToken);

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
