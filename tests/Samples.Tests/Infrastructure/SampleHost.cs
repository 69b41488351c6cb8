using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Samples.Tests.Infrastructure;

/// <summary>How a sample is hosted in a test.</summary>
public enum HostMode
{
    /// <summary>Real Kestrel on 127.0.0.1 with a free port: real TCP, for proxies and TLS.</summary>
    Kestrel,

    /// <summary>ASP.NET Core's in-memory TestServer: no sockets, fastest.</summary>
    TestServer,
}

/// <summary>
/// Boots one sample in-process, with configuration overrides, and gives back
/// its address and clients. Demo backends are off unless a test turns them on:
/// tests bring their own WireMock backends.
/// </summary>
public sealed class SampleHost<TEntry> : IAsyncDisposable
    where TEntry : class
{
    private readonly Factory _factory;

    private SampleHost(Factory factory, HostMode mode)
    {
        _factory = factory;
        Mode = mode;
    }

    public HostMode Mode { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Every address the sample listens on (Kestrel) or http://localhost/ (TestServer).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public Uri BaseAddress => Addresses[0];

    /// <summary>The first listening address whose scheme is <paramref name="scheme"/>.</summary>
    public Uri AddressFor(string scheme) => Addresses.First(a => a.Scheme == scheme);

    /// <summary>
    /// Starts the sample. <paramref name="settings"/> are configuration keys
    /// ("Section:Key" = value) applied with UseSetting, so Program.cs sees them
    /// even before Build(). <paramref name="urls"/> replaces the sample's
    /// listen addresses (Kestrel mode only).
    /// </summary>
    public static SampleHost<TEntry> Start(
        IDictionary<string, string?>? settings = null,
        HostMode mode = HostMode.Kestrel,
        string urls = "http://127.0.0.1:0",
        Action<IServiceCollection>? services = null,
        Action<IWebHostBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DemoBackends:Enabled"] = "false",
            ["Admin:Urls"] = "http://127.0.0.1:0",
        };
        if (mode == HostMode.Kestrel)
        {
            all["urls"] = urls;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all, services, configure);
        var host = new SampleHost<TEntry>(factory, mode);
        if (mode == HostMode.Kestrel)
        {
            factory.UseKestrel();
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            host.Addresses = [.. addresses.Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))];
        }
        else
        {
            _ = factory.Server;
            host.Addresses = [new Uri("http://localhost/")];
        }

        return host;
    }

    /// <summary>
    /// A client for the sample. In Kestrel mode it is a real HttpClient over TCP
    /// (pass a handler to use a proxy, certificates, ...); in TestServer mode it
    /// goes through memory.
    /// </summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null)
    {
        if (Mode == HostMode.TestServer)
        {
            return _factory.CreateDefaultClient();
        }

        return new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed class Factory(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services,
        Action<IWebHostBuilder>? configure) : WebApplicationFactory<TEntry>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureServices(services);
            }

            configure?.Invoke(builder);
        }
    }
}
