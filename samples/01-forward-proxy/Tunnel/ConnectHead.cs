using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Samples.ForwardProxy;

/// <summary>
/// Reading a CONNECT request's head off a raw connection, before Kestrel's HTTP
/// parser would: first only whether the connection starts with "CONNECT ", then
/// the whole head up to its blank line, within Kestrel's own size limits.
/// </summary>
public static class ConnectHead
{
    private static readonly byte[] ConnectMethod = "CONNECT "u8.ToArray();
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    // Reads just enough to know whether the request starts with "CONNECT ", and
    // consumes nothing: the HTTP parser that runs next sees every byte.
    public static async Task<bool> StartsWithConnectAsync(PipeReader input, CancellationToken cancellationToken)
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

    // Reads up to the blank line that ends the CONNECT head, within Kestrel's own
    // limits for request lines and headers. Bytes after it (a client may send its
    // TLS hello without waiting for the 200) stay in the pipe for the tunnel.
    public static async Task<(string? Head, int Status)> ReadAsync(PipeReader input, KestrelServerLimits limits, CancellationToken cancellationToken)
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

            var tooLong = FirstLineLength(buffer) > limits.MaxRequestLineSize ? StatusCodes.Status414UriTooLong
                : buffer.Length > limits.MaxRequestHeadersTotalSize + limits.MaxRequestLineSize ? StatusCodes.Status431RequestHeaderFieldsTooLarge
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
}
