using System.Net.Sockets;
using System.Text;

namespace Samples.Tests.ReverseProxy;

/// <summary>
/// Sends bytes no well-behaved HTTP client would send, and reads what comes
/// back until the server closes the connection (or a few seconds pass).
/// </summary>
public static class RawHttp
{
    public sealed record Exchange(string Response, bool ClosedByServer);

    public static async Task<Exchange> SendAsync(Uri server, string raw, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return new Exchange(received.ToString(), ClosedByServer: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Exchange(received.ToString(), ClosedByServer: false);
        }
        catch (IOException)
        {
            return new Exchange(received.ToString(), ClosedByServer: true);
        }
    }
}
