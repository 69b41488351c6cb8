using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// A tunnel through the parent proxy: connect to the parent, ask it in turn for
/// "CONNECT host:port" (with our credentials for it), and read its answer. Any 2xx
/// means the parent has connected to the origin (RFC 9110 §9.3.6), and the socket
/// is from then on a byte pipe to the origin, as a direct one would be. Anything
/// else is the parent refusing, which the client hears about as a 502 naming it.
/// </summary>
public static class ParentTunnel
{
    // A parent's answer to CONNECT is a status line and a few headers; more than this is not one.
    private const int MaxHeadBytes = 16 * 1024;

    public static async Task OpenAsync(Socket socket, UpstreamProxy upstream, string authority, CancellationToken cancellationToken)
    {
        var parent = upstream.Address!;
        string? statusLine;
        try
        {
            await socket.ConnectAsync(parent.IdnHost, parent.Port, cancellationToken);
            var head = new StringBuilder()
                .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(authority).Append("\r\n");
            if (upstream.ProxyAuthorization is { } credentials)
            {
                head.Append(HeaderNames.ProxyAuthorization).Append(": ").Append(credentials).Append("\r\n");
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), SocketFlags.None, cancellationToken);
            statusLine = await ReadStatusLineAsync(socket, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new ParentProxyException(StatusCodes.Status502BadGateway, upstream.Problem($"could not be used ({ex.SocketErrorCode})"));
        }

        var parts = statusLine?.Split(' ', 3);
        if (parts is not [['H', 'T', 'T', 'P', '/', ..], var code, ..] || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new ParentProxyException(StatusCodes.Status502BadGateway, upstream.Problem($"did not answer the CONNECT for {authority} as HTTP"));
        }

        if (status == StatusCodes.Status407ProxyAuthenticationRequired)
        {
            throw new ParentProxyException(StatusCodes.Status502BadGateway, upstream.Problem("rejected our credentials (407): check ForwardProxy:Upstream:Credentials"));
        }

        if (status is < 200 or > 299)
        {
            throw new ParentProxyException(StatusCodes.Status502BadGateway, upstream.Problem($"refused the tunnel to {authority} ({statusLine})"));
        }
    }

    // Reads the parent's answer one byte at a time up to its blank line: whatever the
    // origin sends after it belongs to the client and must stay in the socket.
    private static async Task<string?> ReadStatusLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < MaxHeadBytes)
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
            if (head.Length >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                var text = head.ToString();
                return text[..text.IndexOf('\r', StringComparison.Ordinal)];
            }
        }

        return null;
    }
}
