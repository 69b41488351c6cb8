namespace Samples.ForwardProxy;

/// <summary>
/// Sits in front of the client's response body while the origin's answer is
/// forwarded: every write goes on to the client at once and, while the
/// exchange still wants it, is copied for the cache too. The client never
/// waits for the whole body. (When the cache serves a stored response in place
/// of an origin's error, the error's body is dropped here instead.)
/// </summary>
internal sealed class CacheTeeStream(Stream client, CacheExchange exchange) : Stream
{
    // Write-only and forward-only, as a response body is.
    public override bool CanWrite => true;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (exchange.Copy(buffer.Span))
        {
            await client.WriteAsync(buffer, cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (exchange.Copy(buffer.AsSpan(offset, count)))
        {
            client.Write(buffer, offset, count);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

    public override void Flush() => client.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
