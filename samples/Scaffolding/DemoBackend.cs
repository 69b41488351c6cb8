using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samples.Scaffolding;

/// <summary>
/// A small in-process web server on a loopback port that plays the part of a
/// backend (or an origin) in a demo. It remembers the last requests it saw so
/// the tour can print "what the backend saw" next to "what the client saw".
/// It always listens on a port the OS picks, so that two copies of a sample (or
/// a sample next to anything else) never collide; the port the sample's
/// configuration names for it is rewritten to the real one (see DemoDestinations).
/// Every one also streams events and echoes WebSockets (see DemoStreams).
/// </summary>
public sealed class DemoBackend : IAsyncDisposable
{
    private const int Remembered = 200;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly Action<WebApplication> _map;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    private DemoBackend(string name, int configuredPort, string scheme, Action<WebApplication> map, Action<WebApplicationBuilder>? configure)
    {
        Name = name;
        ConfiguredPort = configuredPort;
        Scheme = scheme;
        _map = map;
        _configure = configure;
    }

    public string Name { get; }

    /// <summary>The port the sample's configuration names for this backend (appsettings.json, ocelot.json).</summary>
    public int ConfiguredPort { get; }

    /// <summary>"http" or "https".</summary>
    public string Scheme { get; }

    /// <summary>The port it really listens on (picked by the OS on first start, kept on restart); 0 until started.</summary>
    public int Port { get; private set; }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public bool IsRunning => _app is not null;

    /// <summary>Requests seen so far, oldest first (at most the last 200).</summary>
    public IReadOnlyList<SeenRequest> Seen => [.. _seen];

    public SeenRequest? LastSeen => _seen.LastOrDefault();

    /// <summary>
    /// Starts a backend on 127.0.0.1 at a port the OS picks. <paramref name="configuredPort"/>
    /// is the port the sample's configuration names for it, which the proxy is pointed away
    /// from, to the real port. <paramref name="map"/> adds its endpoints; <paramref name="configure"/>
    /// can change the builder (for example to give it a certificate, with <paramref name="scheme"/> "https").
    /// </summary>
    public static async Task<DemoBackend> StartAsync(
        string name,
        int configuredPort,
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        string scheme = "http",
        CancellationToken cancellationToken = default)
    {
        var backend = new DemoBackend(name, configuredPort, scheme, map, configure);
        await backend.StartCoreAsync(cancellationToken);
        return backend;
    }

    /// <summary>Starts a stopped backend again, on the same port, so the proxy's configuration still points at it.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? Task.CompletedTask : StartCoreAsync(cancellationToken);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "DemoBackend." + Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.AddServerHeader = true;
            o.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http1AndHttp2);
        });
        builder.WebHost.UseUrls($"{Scheme}://127.0.0.1:{Port}");
        _configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            _seen.Enqueue(SeenRequest.From(Name, context));
            while (_seen.Count > Remembered && _seen.TryDequeue(out _))
            {
            }

            await next(context);
        });
        app.UseDemoStreams(Name);
        _map(app);
        await app.StartAsync(cancellationToken);
        _app = app;

        var address = app.Urls.First();
        Url = new Uri(address.EndsWith('/') ? address : address + "/");
        Port = Url.Port;
    }

    /// <summary>Stops the backend, so a demo can show what the proxy does when a server is down.</summary>
    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public void ClearSeen() => _seen.Clear();

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>One request as a demo backend saw it.</summary>
public sealed record SeenRequest(
    string Backend,
    string Method,
    string Scheme,
    string Protocol,
    string PathAndQuery,
    string RemoteAddress,
    IReadOnlyDictionary<string, string> Headers)
{
    public static SeenRequest From(string backend, HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        return new SeenRequest(
            backend,
            context.Request.Method,
            context.Request.Scheme,
            context.Request.Protocol,
            context.Request.Path + context.Request.QueryString,
            context.Connection.RemoteIpAddress?.ToString() ?? "?",
            headers);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
