using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samples.Tests.ForwardProxy;

/// <summary>A small Kestrel HTTPS origin on a free loopback port, with a certificate the test made; it answers with the path it saw.</summary>
public sealed class HttpsOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpsOrigin(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<HttpsOrigin> StartAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync($"https origin saw {context.Request.Path}", context.RequestAborted));
        await app.StartAsync(cancellationToken);
        return new HttpsOrigin(app, new Uri(app.Urls.First()).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
