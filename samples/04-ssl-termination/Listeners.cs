using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Samples.SslTermination;

/// <summary>
/// Which listening port plays which part. Every address comes from configuration
/// and tests listen on port 0, so the roles are settled from the ports Kestrel
/// actually bound, read once the server has started: the first HTTPS address is
/// where plain HTTP redirects to, and the mutual-TLS address (added last) asks
/// for client certificates. As a hosted service it reads them in the "started"
/// phase: after Kestrel has bound every address and before start-up returns to
/// anyone who could send a request.
/// </summary>
public sealed class Listeners : IHostedLifecycleService
{
    private IServer? _server;
    private volatile int _mutualTlsPort;
    private volatile bool _resolved;

    public Listeners(string? mutualTlsUrl)
    {
        MutualTlsEnabled = !string.IsNullOrWhiteSpace(mutualTlsUrl);
        if (MutualTlsEnabled && BindingAddress.Parse(mutualTlsUrl!).Port is > 0 and var port)
        {
            // A fixed port is known before start, so even the first handshake is sorted right.
            _mutualTlsPort = port;
            _resolved = true;
        }
    }

    public bool MutualTlsEnabled { get; }

    /// <summary>The first HTTPS address (not the mutual-TLS one), with its real port.</summary>
    public Uri? Https { get; private set; }

    /// <summary>The first plain-HTTP (redirecting) address with its real port, if any.</summary>
    public Uri? PlainHttp { get; private set; }

    /// <summary>The mutual-TLS address with its real port, when enabled.</summary>
    public Uri? MutualTls { get; private set; }

    /// <summary>Registers this object as the hosted service that reads the server's bound addresses.</summary>
    public Listeners ReadingFrom(IServer server)
    {
        _server = server;
        return this;
    }

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken)
    {
        Resolve([.. _server!.Features.Get<IServerAddressesFeature>()!.Addresses]);
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Settles the roles from the addresses Kestrel reports, in the order they were configured.</summary>
    public void Resolve(IReadOnlyList<string> boundAddresses)
    {
        var uris = boundAddresses.Select(a => new Uri(a)).ToList();
        if (MutualTlsEnabled)
        {
            MutualTls = _mutualTlsPort > 0 ? uris.Last(u => u.Port == _mutualTlsPort) : uris[^1];
            _mutualTlsPort = MutualTls.Port;
        }

        Https = uris.First(u => u.Scheme == Uri.UriSchemeHttps && u != MutualTls);
        PlainHttp = uris.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp);
        _resolved = true;
    }

    /// <summary>
    /// True for a connection that arrived on the mutual-TLS port. While a port-0
    /// listener's real port is still unknown (the moments between bind and
    /// <see cref="Resolve"/>), it answers true: fail closed, never open.
    /// </summary>
    public bool RequiresClientCertificate(EndPoint? local)
    {
        if (!MutualTlsEnabled)
        {
            return false;
        }

        return !_resolved || (local is IPEndPoint ip && ip.Port == _mutualTlsPort);
    }

    /// <summary>The smallest parse of a listen address: its port (0 when it asks for any).</summary>
    private readonly record struct BindingAddress(int Port)
    {
        public static BindingAddress Parse(string url) =>
            Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? new BindingAddress(uri.Port)
                : throw Samples.Scaffolding.StartupException.ForKey("Tls:MutualTlsUrl", $"'{url}' is not an address like https://127.0.0.1:8444");
    }
}
