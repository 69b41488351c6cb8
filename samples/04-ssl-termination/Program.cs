using System.Diagnostics;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samples.Scaffolding;
using Samples.SslTermination;
using Yarp.ReverseProxy.Model;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    // The console log (the access log included) is written in batches: cheap under load (see Scaffolding).
    builder.Logging.AddBatchedConsole();
    var config = builder.Configuration;
    string FromContentRoot(string path) => Path.GetFullPath(path, builder.Environment.ContentRootPath);

    // 1. Addresses. Everything comes from "urls": each https:// address terminates TLS,
    //    each http:// address only redirects. The mutual-TLS listener has its own key
    //    (Tls:MutualTlsUrl) and is appended to the same list, last, so that Kestrel still
    //    binds every address from one place and a test can put all of them on port 0.
    ListenAddresses.Validate(config, "https://127.0.0.1:8443");
    var urls = (config["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    if (!urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
    {
        throw StartupException.ForKey("urls", "needs at least one https:// address (plain http:// addresses only redirect to it)");
    }

    var mutualTlsUrl = config["Tls:MutualTlsUrl"];
    var listeners = new Listeners(mutualTlsUrl);
    if (listeners.MutualTlsEnabled)
    {
        urls.Add(mutualTlsUrl!);
    }

    builder.WebHost.UseUrls([.. urls]);
    builder.Services.AddHostedService(sp => listeners.ReadingFrom(sp.GetRequiredService<IServer>()));

    // 2. The server certificate: your PEM pair (as openssl or certbot write it), or a
    //    self-signed one for localhost made once and kept in Tls:GeneratedFolder. It is
    //    loaded now, so a wrong path stops start-up with one line instead of failing
    //    the first handshake.
    var certificatePath = config["Tls:CertificatePath"];
    var keyPath = config["Tls:KeyPath"];
    var generatedFolder = FromContentRoot(config["Tls:GeneratedFolder"] ?? ".certs");
    var generated = string.IsNullOrWhiteSpace(certificatePath) && string.IsNullOrWhiteSpace(keyPath);
    if (generated)
    {
        (certificatePath, keyPath) = PemCertificates.EnsureSelfSigned(generatedFolder, TimeProvider.System);
    }
    else if (string.IsNullOrWhiteSpace(certificatePath) || string.IsNullOrWhiteSpace(keyPath))
    {
        throw StartupException.ForKey(string.IsNullOrWhiteSpace(keyPath) ? "Tls:KeyPath" : "Tls:CertificatePath", "set both Tls:CertificatePath and Tls:KeyPath, or neither (then a self-signed certificate is made)");
    }
    else
    {
        (certificatePath, keyPath) = (FromContentRoot(certificatePath!), FromContentRoot(keyPath!));
    }

    var initialCertificate = PemCertificates.Load(certificatePath!, keyPath!);
    var checkInterval = ReadTimeSpan(config, "Tls:ReloadCheckInterval", TimeSpan.FromSeconds(2));
    builder.Services.TryAddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(sp => new ServerCertificateSource(
        certificatePath!, keyPath!, initialCertificate, checkInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServerCertificateSource>>()));

    // 3. Who may use the mutual-TLS listener: client certificates signed by Tls:ClientCaPath.
    //    Without that key a demo client CA and one client certificate are made beside the
    //    server certificate, so that curl --cert has something to present.
    var clientCas = new CaTrust();
    string? demoClientCert = null, demoClientKey = null;
    if (listeners.MutualTlsEnabled)
    {
        var clientCaPath = config["Tls:ClientCaPath"];
        if (string.IsNullOrWhiteSpace(clientCaPath))
        {
            (clientCaPath, demoClientCert, demoClientKey) = PemCertificates.EnsureClientCa(generatedFolder, TimeProvider.System);
        }

        clientCas.Add(PemCertificates.LoadPublic(FromContentRoot(clientCaPath), "Tls:ClientCaPath"));
    }

    // 4. Kestrel: TLS 1.2 and 1.3 only; HTTP/2 and HTTP/1.1 offered by ALPN (Kestrel's default
    //    protocols; plain-HTTP listeners stay HTTP/1.1, as clients need ALPN to pick h2). The
    //    certificate is fetched from the source on every handshake: that is how a replaced
    //    file reaches new connections. Only connections on the mutual-TLS port are asked for
    //    a client certificate, during the handshake: HTTP/2 forbids asking later, which is
    //    why 8443 never asks at all.
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestHeaderCount = 100;
        kestrel.ConfigureHttpsDefaults(https =>
        {
            var source = kestrel.ApplicationServices.GetRequiredService<ServerCertificateSource>();
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ServerCertificateSelector = (_, _) => source.Current;
            https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            https.OnAuthenticate = (connection, ssl) =>
            {
                // The selector above only tells Kestrel that a certificate will be there;
                // the handshake gets a prepared context (leaf + intermediates from the PEM file).
                ssl.ServerCertificateSelectionCallback = null;
                ssl.ServerCertificate = null;
                ssl.ServerCertificateContext = source.CurrentContext;
                if (listeners.RequiresClientCertificate(connection.LocalEndPoint))
                {
                    ssl.ClientCertificateRequired = true;
                    ssl.RemoteCertificateValidationCallback = (_, certificate, _, _) => clientCas.ValidatesClient(certificate);
                }
            };
        });
    });

    // 5. HSTS tells a browser to use HTTPS for this host from now on. ASP.NET Core skips
    //    localhost, 127.0.0.1 and [::1] by default (so a developer is not locked out of
    //    plain HTTP); this sample clears that list so that you can see the header locally.
    var hstsMaxAge = ReadTimeSpan(config, "Tls:HstsMaxAge", TimeSpan.FromDays(365));
    builder.Services.AddHsts(hsts =>
    {
        hsts.MaxAge = hstsMaxAge;
        hsts.ExcludedHosts.Clear();
    });

    // 6. YARP forwards over plain HTTP (routes, clusters and the X-Forwarded transforms are
    //    in appsettings.json). A cluster whose destination is https:// (TLS bridging) must
    //    present a certificate the machine trusts or one signed by Tls:BackendCaPath:
    //    this callback replaces any "accept anything" setting a cluster might carry.
    var backendCas = new CaTrust();
    if (config["Tls:BackendCaPath"] is { Length: > 0 } backendCaPath)
    {
        backendCas.Add(PemCertificates.LoadPublic(FromContentRoot(backendCaPath), "Tls:BackendCaPath"));
    }

    builder.Services.AddReverseProxy()
        .LoadFromConfig(config.GetSection("ReverseProxy"))
        .ConfigureHttpClient((_, handler) =>
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => backendCas.ValidatesServer(certificate, errors));

    var app = builder.Build();
    var accessLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SslTermination.Access");

    // 7. Plain HTTP answers every request with 308 (method and body kept, unlike 301/302)
    //    to the same path and query on the first HTTPS address. Written here rather than
    //    with UseHttpsRedirection, which cannot pick a port when two HTTPS listeners exist.
    app.Use(async (context, next) =>
    {
        if (context.Request.IsHttps)
        {
            await next(context);
            return;
        }

        if (listeners.Https is not { } https)
        {
            // The moments between binding and reading the bound ports back: nowhere to send yet.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var host = context.Request.Host.HasValue ? context.Request.Host.Host : https.Host;
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute(
            "https", new HostString(host, https.Port), context.Request.PathBase, context.Request.Path, context.Request.QueryString);
    });
    app.UseHsts();

    // 8. The proxy answers its own health endpoint; everything else goes to a backend,
    //    with one access-log line per request that also says how the client connected.
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));
    app.MapReverseProxy(proxy =>
    {
        proxy.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next();
            var tls = context.Features.Get<ITlsHandshakeFeature>();
            var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.Model.Config.Address ?? "-";
            AccessLog.Request(
                accessLog,
                context.Connection.RemoteIpAddress?.ToString() ?? "-",
                context.Request.Method,
                destination.TrimEnd('/') + context.Request.Path + context.Request.QueryString,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                tls?.Protocol.ToString() ?? "-",
                context.Request.Protocol,
                context.Connection.ClientCertificate?.Subject ?? "-");
        });
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    });

    // 9. Demo backends start after Build (the test host intercepts the first host built).
    var demo = app.Configuration.GetValue("DemoBackends:Enabled", true)
        ? await DemoSetup.StartAsync(backendCas)
        : null;

    await app.StartAsync();
    var served = app.Services.GetRequiredService<ServerCertificateSource>();

    if (SampleRunner.IsDemo(args))
    {
        var exitCode = await DemoTour.RunAsync(listeners, served, demo, demoClientCert, demoClientKey);
        await app.StopAsync();
        if (demo is not null)
        {
            await demo.DisposeAsync();
        }

        return exitCode;
    }

    var httpsBase = listeners.Https!.ToString().TrimEnd('/');
    var httpBase = app.Urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/');
    var curl = new List<string>
    {
        $"curl -i --cacert {served.CertificatePath} {httpsBase.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/hello?from=curl",
        $"curl -i --http2 --cacert {served.CertificatePath} {httpsBase}/hello",
    };
    if (httpBase is not null)
    {
        curl.Add($"curl -i {httpBase}/hello?from=plain-http");
    }

    if (listeners.MutualTls is { } mtls && demoClientCert is not null)
    {
        curl.Add($"curl -i --cacert {served.CertificatePath} --cert {demoClientCert} --key {demoClientKey} {mtls.ToString().TrimEnd('/')}/hello");
    }

    Banner.Print(
        "04 SSL termination",
        "HTTPS at the edge, plain HTTP behind: the proxy holds the certificate and tells the backend the client used HTTPS.",
        [.. app.Urls.Select(u => listeners.MutualTls is { } m && new Uri(u).Port == m.Port ? u + "  (mutual TLS: client certificate required)" : u)],
        demo?.Backends ?? [],
        curl,
        [
            $"Server certificate: {served.CertificatePath}{(generated ? " (self-signed, made by this sample)" : string.Empty)}",
            $"  SHA-256 {PemCertificates.Fingerprint(served.Current)}",
        ]);
    await app.WaitForShutdownAsync();
    if (demo is not null)
    {
        await demo.DisposeAsync();
    }

    return 0;
});

static TimeSpan ReadTimeSpan(IConfiguration config, string key, TimeSpan fallback)
{
    var text = config[key];
    if (string.IsNullOrWhiteSpace(text))
    {
        return fallback;
    }

    return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
        ? value
        : throw StartupException.ForKey(key, $"'{text}' is not a duration like 00:00:02");
}
