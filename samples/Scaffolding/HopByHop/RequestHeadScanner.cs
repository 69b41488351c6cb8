using System.Text;

namespace Samples.Scaffolding.HopByHop;

/// <summary>
/// Follows the bytes of one HTTP/1.1 connection as the client sent them, head
/// by head, and keeps each request head's Connection header as written.
/// Kestrel reduces "Connection: close, X-Secret" to "close" before the
/// application sees it (it recognises its own tokens at the start of the value),
/// so the names listed beside close, keep-alive or upgrade are only here.
/// To know where the next head starts it skips each body by its framing
/// (Content-Length, or chunked). Anything it does not follow (HTTP/2, TLS, a
/// CONNECT tunnel, an upgrade, a head over 64 KB) makes it stop recording:
/// the proxy then removes what Kestrel's own header still names.
/// </summary>
public sealed class RequestHeadScanner
{
    private const int MaxLine = 64 * 1024;
    private readonly StringBuilder _line = new();
    private readonly List<string> _headLines = [];
    private State _state = State.Head;
    private long _remaining;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Stopped,
    }

    /// <summary>Called with each complete head's Connection values (empty when it had none), in request order.</summary>
    public event Action<IReadOnlyList<string>>? HeadRead;

    public bool Stopped => _state == State.Stopped;

    public void Scan(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && _state != State.Stopped)
        {
            if (_state is State.Body or State.ChunkData)
            {
                var skip = (int)Math.Min(_remaining, bytes.Length - i);
                i += skip;
                _remaining -= skip;
                if (_remaining == 0)
                {
                    _state = _state == State.Body ? State.Head : State.ChunkDataEnd;
                }

                continue;
            }

            var b = bytes[i++];
            if (_state == State.Head && _line.Length == 0 && _headLines.Count == 0 && b is not ((byte)'\r' or (byte)'\n') && !IsTokenByte(b))
            {
                // Not HTTP/1.x text at all (a TLS hello, say): nothing to follow.
                _state = State.Stopped;
                return;
            }

            if (b != '\n')
            {
                if (b != '\r')
                {
                    _line.Append((char)b);
                }

                if (_line.Length > MaxLine)
                {
                    _state = State.Stopped;
                }

                continue;
            }

            var line = _line.ToString();
            _line.Clear();
            EndOfLine(line);
        }
    }

    private void EndOfLine(string line)
    {
        switch (_state)
        {
            case State.Head when line.Length == 0 && _headLines.Count == 0:
                // Empty lines before a request line are allowed (RFC 9112 §2.2).
                return;
            case State.Head when line.Length > 0:
                _headLines.Add(line);
                return;
            case State.Head:
                EndOfHead();
                return;
            case State.ChunkSize:
                var size = line.Split(';', 2)[0].Trim();
                if (!long.TryParse(size, System.Globalization.NumberStyles.AllowHexSpecifier, null, out _remaining) || _remaining < 0)
                {
                    _state = State.Stopped;
                }
                else
                {
                    _state = _remaining == 0 ? State.Trailers : State.ChunkData;
                }

                return;
            case State.ChunkDataEnd:
                _state = line.Length == 0 ? State.ChunkSize : State.Stopped;
                return;
            case State.Trailers:
                _state = line.Length == 0 ? State.Head : State.Trailers;
                return;
        }
    }

    private void EndOfHead()
    {
        var requestLine = _headLines[0];
        var fields = _headLines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .Select(p => (Name: p[0].Trim(), Value: p[1].Trim()))
            .ToList();
        _headLines.Clear();
        HeadRead?.Invoke([.. fields.Where(f => f.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value)]);

        var chunked = fields.Any(f => f.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        var length = fields.FirstOrDefault(f => f.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        var upgrade = fields.Any(f => f.Name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase));
        if (requestLine.StartsWith("CONNECT ", StringComparison.Ordinal) || requestLine.StartsWith("PRI ", StringComparison.Ordinal) || upgrade)
        {
            // From here on the bytes are a tunnel, HTTP/2 or another protocol.
            _state = State.Stopped;
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
        }
        else if (length is not null)
        {
            _state = long.TryParse(length, out _remaining) && _remaining >= 0 ? (_remaining == 0 ? State.Head : State.Body) : State.Stopped;
        }
    }

    private static bool IsTokenByte(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z';
}
