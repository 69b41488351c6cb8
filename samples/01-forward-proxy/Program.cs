using Microsoft.AspNetCore.Server.Kestrel.Core;
using Samples.ForwardProxy;
using Samples.ForwardProxy.Caching;
using Samples.Scaffolding;

return await SampleRunner.RunAsync(async () =>
{
    var app = BuildProxy(SampleRunner.ConfigArgs(args));

    // Stand-ins for the internet: two plain HTTP origins and one HTTPS origin on loopback.
    await using var origins = app.Configuration.GetValue("DemoBackends:Enabled", true)
        ? await DemoOrigins.StartAsync(Path.Combine(app.Environment.ContentRootPath, ".certs"))
        : DemoOrigins.None;
    await app.StartAsync();

    if (SampleRunner.IsDemo(args))
    {
        var exitCode = await new ForwardProxyTour(app, origins, BuildProxy).RunAsync();
        await app.StopAsync();
        return exitCode;
    }

    var proxy = app.Urls.First();
    var root = app.Services.GetService<RootCertificateAuthority>();
    Banner.Print(
        "01 forward proxy",
        "Point a client at this proxy: it fetches for the client, hides it, filters, and tunnels HTTPS.",
        app.Urls,
        origins.All,
        BannerCommands.For(proxy, app.Services.GetRequiredService<ForwardProxyOptions>(), origins.All.Count > 0, origins.HttpsCertificatePemPath),
        root is null
            ? []
            : [
                $"HTTPS inspection is on for: {string.Join(", ", app.Services.GetRequiredService<ForwardProxyOptions>().InspectedHosts.Patterns)}",
                $"  clients must trust the proxy's root CA: {root.PublicPemPath}",
                $"  curl -x {proxy} --noproxy '' --cacert {root.PublicPemPath} https://localhost:{DemoOrigins.HttpsPort}/hello",
            ]);
    await app.WaitForShutdownAsync();
    return 0;
});

// The whole proxy, from configuration to the last pipeline step. The demo tour
// builds extra copies of it with other settings (one per anonymity level).
static WebApplication BuildProxy(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    // The console log (the access log included) is written in batches: cheap under load (see Scaffolding).
    builder.Logging.AddBatchedConsole();
    ListenAddresses.Validate(builder.Configuration, "http://127.0.0.1:8081");

    // Settings are read and checked before anything listens: a bad pattern, port or
    // level stops start-up with one line naming the key.
    // (The demo HTTPS origin's certificate is made first, since HttpsInspection:TrustedOriginCaPath may name it.)
    var certificates = Path.Combine(builder.Environment.ContentRootPath, ".certs");
    var demoBackends = builder.Configuration.GetValue("DemoBackends:Enabled", true);
    if (demoBackends)
    {
        DemoOrigins.LoadOrCreateCertificate(certificates).Dispose();
    }

    var section = builder.Configuration.GetSection(ForwardProxyOptions.SectionName);
    var options = ForwardProxyOptions.Load(section, builder.Environment.ContentRootPath);
    if (demoBackends)
    {
        options.AllowedConnectPorts.Add(DemoOrigins.HttpsPort);
    }

    builder.Services.AddSingleton(options);
    if (options.InspectionEnabled)
    {
        // HTTPS inspection needs the proxy's own root CA: made on first use, kept under .certs/.
        builder.Services.AddSingleton(RootCertificateAuthority.LoadOrCreate(certificates));
    }

    builder.Services.AddSingleton<ProxyAuthentication>();
    builder.Services.AddSingleton<LoopDetector>();
    builder.Services.AddSingleton<AccessLog>();
    builder.Services.AddOriginForwarder();
    builder.Services.AddForwardProxyCache(section);

    builder.WebHost.ConfigureKestrel((context, kestrel) =>
    {
        // The proxy speaks for origins: it does not add a Server header of its own.
        kestrel.AddServerHeader = false;

        // Kestrel's limits (Kestrel:Limits:...) also bound the tunnels: KeepAliveTimeout is how
        // long a tunnel may sit idle, RequestHeadersTimeout how long a CONNECT head may take.
        context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);

        // Every listener (from --urls or a test's port 0) first looks for CONNECT, which
        // becomes a raw tunnel; any other request goes on into the HTTP pipeline below.
        kestrel.ConfigureEndpointDefaults(listener =>
        {
            listener.Protocols = HttpProtocols.Http1;
            ConnectTunnel.AddTo(listener);
        });
    });

    var app = builder.Build();

    // 1. One access-log line per request, with the cache status and the filter decision.
    app.UseAccessLog();

    // 2. GET http://host/path is for the proxy to fetch; GET /path is for the proxy itself.
    app.UseProxyTarget();

    // 3. Who is asking: 407 until the client sends valid Proxy-Authorization (when users are configured).
    app.UseProxyAuthentication();

    // 4. May this be fetched at all: 403 naming the host or URL rule that matched.
    app.UseContentFilter();

    // 5. A request for the proxy's own address would come straight back: 508.
    app.UseLoopDetection();

    // 6. The shared cache may answer from a stored copy (see Caching/).
    app.UseForwardProxyCache();

    // 7. Fetch from the origin, with the anonymity level applied to the headers.
    app.RunOriginForwarder();
    return app;
}

