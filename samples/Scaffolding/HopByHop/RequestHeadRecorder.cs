using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Samples.Scaffolding.HopByHop;

/// <summary>
/// A Kestrel connection middleware: every byte the client sends passes a
/// <see cref="RequestHeadScanner"/> on its way to Kestrel's HTTP parser, and each
/// request head's Connection header, as written, waits in a queue on the
/// connection until that request reaches the application.
/// </summary>
public sealed class RequestHeadRecorder
{
    private const string ItemKey = "Samples.RequestHeadRecorder";
    private readonly ConcurrentQueue<IReadOnlyList<string>> _heads = new();
    private readonly RequestHeadScanner _scanner = new();

    private RequestHeadRecorder() => _scanner.HeadRead += _heads.Enqueue;

    public static async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var recorder = new RequestHeadRecorder();
        connection.Items[ItemKey] = recorder;
        var original = connection.Transport;
        var input = PipeReader.Create(new ScanningStream(original.Input.AsStream(leaveOpen: true), recorder._scanner));
        connection.Transport = new Transport(input, original.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = original;
            await input.CompleteAsync();
        }
    }

    /// <summary>
    /// The raw Connection values of the request this context carries: requests on
    /// one HTTP/1.1 connection come one after another, so the oldest head waiting is
    /// this request's. Called once per request (the first thing the pipeline does).
    /// Null when the connection is not one the recorder follows.
    /// </summary>
    internal static IReadOnlyList<string>? TakeFor(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(ItemKey, out var value) && value is RequestHeadRecorder recorder && recorder._heads.TryDequeue(out var head)
            ? head
            : null;
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class ScanningStream(Stream inner, RequestHeadScanner scanner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (!scanner.Stopped)
            {
                scanner.Scan(buffer.Span[..read]);
            }

            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
