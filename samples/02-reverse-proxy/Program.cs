using Microsoft.AspNetCore.Server.Kestrel.Core;
using Samples.ReverseProxy;
using Samples.Scaffolding;
using Yarp.ReverseProxy.Transforms;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    // The console log (the access log included) is written in batches: cheap under load (see Scaffolding).
    builder.Logging.AddBatchedConsole();
    ListenAddresses.Validate(builder.Configuration, "http://127.0.0.1:8082");
    if (SampleRunner.IsDemo(args))
    {
        // The tour prints what happened step by step; log lines would interleave with it.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
    }

    // The proxy is the only server clients can see, so it keeps quiet about itself (no Server header)
    // and takes its limits from "Kestrel:Limits": oversized or too many headers end in 431 before any routing.
    builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

    // Routes, clusters, destinations and transforms come from the standard "ReverseProxy" section.
    // On top of the config, every route strips the headers that tell the world which stack a backend runs.
    var hiddenHeaders = builder.Configuration.GetSection("Proxy:RemoveResponseHeaders").Get<string[]>()
        ?? ["Server", "X-Powered-By", "X-AspNet-Version"];
    // YARP accepts a route whose ClusterId names no cluster and answers 503 on it at run time;
    // a typo there is a configuration mistake, so it stops start-up like any other.
    var proxySection = builder.Configuration.GetSection("ReverseProxy");
    foreach (var route in proxySection.GetSection("Routes").GetChildren())
    {
        var clusterId = route["ClusterId"];
        if (!string.IsNullOrEmpty(clusterId) && !proxySection.GetSection("Clusters").GetChildren().Any(c => string.Equals(c.Key, clusterId, StringComparison.OrdinalIgnoreCase)))
        {
            throw StartupException.ForKey($"ReverseProxy:Routes:{route.Key}:ClusterId", $"'{clusterId}' names no cluster under ReverseProxy:Clusters");
        }
    }

    builder.Services.AddReverseProxy()
        .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
        .AddTransforms(route =>
        {
            foreach (var header in hiddenHeaders)
            {
                route.AddResponseHeaderRemove(header, ResponseCondition.Always);
            }
        });

    // A route's "OutputCachePolicy" names one of these; the operator, not the backend, decides what is cached.
    builder.Services.AddProxyOutputCache(builder.Configuration);

    // A route's "Timeout" is enforced by ASP.NET Core's request-timeouts middleware.
    builder.Services.AddRequestTimeouts();

    // Every error the proxy makes itself is answered as application/problem+json.
    builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProxyProblems.Describe);

    var app = builder.Build();

    // 1. Anything that throws becomes a 500 problem, never a stack trace on the wire.
    app.UseExceptionHandler();

    // 2. Empty error answers (no route, backend down or slow, body too big) get a problem-details body.
    app.UseStatusCodePages();

    // 3. One access-log line per request, written last so it knows status, destination and cache verdict.
    app.UseMiddleware<AccessLog>();

    // 4. Routing picks the route by host and path; timeouts and the cache need to know which route it was.
    app.UseRouting();
    app.UseRequestTimeouts();

    // 5. A cached route answers repeats here, before the proxy (and the backend) hear of them.
    app.UseOutputCache();

    // 6. The proxy's own health answer, never forwarded.
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));

    // 7. YARP forwards: pick a destination, apply the transforms, stream the request and the answer.
    //    It validates the "ReverseProxy" section here; a mistake there stops start-up with YARP's own words.
    try
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyProblems.AfterForwardingAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }
    catch (InvalidOperationException ex) when (ex.InnerException is AggregateException invalid)
    {
        throw StartupException.ForKey("ReverseProxy", string.Join("; ", invalid.InnerExceptions.Select(e => e.Message)));
    }

    DemoBackend? catalog = null;
    DemoBackend? orders = null;
    if (app.Configuration.GetValue("DemoBackends:Enabled", true))
    {
        (catalog, orders) = await DemoServices.StartAsync();
    }
    else if (SampleRunner.IsDemo(args))
    {
        throw StartupException.ForKey("DemoBackends:Enabled", "the demo tour needs the demo backends; leave it true");
    }

    DemoBackend[] backends = [.. new[] { catalog, orders }.OfType<DemoBackend>()];
    try
    {
        await app.StartAsync();
        if (SampleRunner.IsDemo(args) && catalog is not null && orders is not null)
        {
            var exit = await DemoTour.RunAsync(app.Urls.First(), catalog, orders);
            await app.StopAsync();
            return exit;
        }

        var url = app.Urls.First().TrimEnd('/');
        Banner.Print(
            "02 reverse proxy",
            "Clients talk to one address; the proxy picks the backend, hides it, and caches for it.",
            app.Urls,
            backends,
            BannerCommands.For(url));
        await app.WaitForShutdownAsync();
        return 0;
    }
    finally
    {
        foreach (var backend in backends)
        {
            await backend.DisposeAsync();
        }
    }
});

