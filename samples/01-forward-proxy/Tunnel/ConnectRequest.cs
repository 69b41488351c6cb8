using System.Globalization;

namespace Samples.ForwardProxy;

/// <summary>
/// The head of a CONNECT request (RFC 9110 §9.3.6): "CONNECT host:port HTTP/1.1"
/// and its header lines. Kestrel never sees these requests (the tunnel takes
/// them off the connection first), so they are parsed here, as strictly as
/// Kestrel parses everything else: no bare CR or LF, no obsolete line folding,
/// at most 100 headers, a real host and port.
/// </summary>
public sealed class ConnectRequest
{
    public const int MaxHeaders = 100;

    private ConnectRequest(string host, int port, Dictionary<string, string> headers)
    {
        Host = host;
        Port = port;
        Headers = headers;
    }

    public string Host { get; }

    public int Port { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>host:port as the client wrote it, with brackets around an IPv6 literal.</summary>
    public string Authority => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses the head (everything before the blank line); on failure gives the status to answer and why.</summary>
    public static bool TryParse(string head, out ConnectRequest? request, out int status, out string problem)
    {
        request = null;
        status = StatusCodes.Status400BadRequest;
        var lines = head.Split("\r\n");
        if (lines.Any(l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal)))
        {
            problem = "bare CR or LF in the request head";
            return false;
        }

        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "CONNECT")
        {
            problem = "the request line is not 'CONNECT host:port HTTP/1.1'";
            return false;
        }

        if (parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            status = parts[2].StartsWith("HTTP/", StringComparison.Ordinal) ? StatusCodes.Status505HttpVersionNotsupported : StatusCodes.Status400BadRequest;
            problem = $"unsupported protocol version '{parts[2]}'";
            return false;
        }

        if (!TryParseAuthority(parts[1], out var host, out var port))
        {
            problem = $"'{parts[1]}' is not host:port";
            return false;
        }

        if (lines.Length - 1 > MaxHeaders)
        {
            status = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            problem = $"more than {MaxHeaders} header fields";
            return false;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] is ' ' or '\t' || colon <= 0 || !line[..colon].All(IsTokenChar))
            {
                problem = $"malformed header line '{line}'";
                return false;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }

        request = new ConnectRequest(host, port, headers);
        problem = string.Empty;
        status = 0;
        return true;
    }

    private static bool TryParseAuthority(string authority, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        int colon;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= authority.Length || authority[close + 1] != ':')
            {
                return false;
            }

            host = authority[1..close];
            colon = close + 1;
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
            {
                return false;
            }
        }
        else
        {
            colon = authority.LastIndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            host = authority[..colon];
            if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                return false;
            }
        }

        return int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
