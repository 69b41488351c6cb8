using System.IO.Pipelines;
using System.Net.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Samples.ForwardProxy;

/// <summary>
/// HTTPS inspection: a CONNECT tunnel that the proxy opens instead of passing
/// through. After answering 200 it ends the client's TLS itself, with a leaf
/// certificate for the tunnel's host signed by the proxy's root, then hands the
/// decrypted connection to Kestrel's HTTP pipeline, exactly as Kestrel's own
/// HTTPS connection middleware does. So the requests inside meet the same
/// anonymity, filtering and cache as plain ones, and are forwarded to the
/// origin over a new TLS connection that the proxy validates.
/// </summary>
public sealed record InspectedTunnel(string Host, int Port)
{
    private const string ItemKey = "Samples.ForwardProxy.InspectedTunnel";

    public string Authority => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The tunnel a request came out of, or null for a request sent to the proxy in the clear.</summary>
    public static InspectedTunnel? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) == true ? value as InspectedTunnel : null;

    /// <summary>
    /// Terminates the client's TLS on <paramref name="connection"/> (after the 200 was sent)
    /// and runs the HTTP pipeline on what is inside. Throws when the handshake fails, for
    /// example because the client does not trust the proxy's root.
    /// </summary>
    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next, RootCertificateAuthority authority, TimeSpan handshakeTimeout)
    {
        var original = connection.Transport;
        await using var tls = new SslStream(new DuplexPipeStream(original), leaveInnerStreamOpen: true);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(handshakeTimeout);
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = authority.LeafFor(Host),
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    ClientCertificateRequired = false,
                },
                timeout.Token);
        }

        var input = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
        connection.Transport = new DecryptedPipe(input, output);
        connection.Items[ItemKey] = this;
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = original;
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    private sealed class DecryptedPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    // The connection's raw pipes as one Stream, which is what SslStream reads and writes.
    private sealed class DuplexPipeStream(IDuplexPipe pipe) : Stream
    {
        private readonly Stream _input = pipe.Input.AsStream(leaveOpen: true);
        private readonly Stream _output = pipe.Output.AsStream(leaveOpen: true);

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _input.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _input.ReadAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _output.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _output.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);

        public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

        public override void Flush() => _output.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
