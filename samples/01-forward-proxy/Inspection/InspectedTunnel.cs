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
}
