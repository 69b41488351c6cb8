using Samples.ForwardProxy;
using Samples.Scaffolding;

// The demo tour starts extra copies of this proxy with other settings (one per anonymity
// level), so the proxy is built by a function; the scaffolding runs it (banner or tour).
return await BuildProxy(args).RunSampleAsync(new ForwardProxyDemo(BuildProxy));

static WebApplication BuildProxy(string[] args)
{
    var builder = Sample.CreateBuilder(args);

    // Settings: the "ForwardProxy" section, typed and checked as the app starts (a mistake names its key).
    builder.Services.AddForwardProxyOptions();

    // The parts a request meets, one folder each.
    builder.Services.AddAccessLog();           // AccessLog/: one line per request or tunnel
    builder.Services.AddProxyAuthentication(); // Authentication/: Proxy-Authorization, 407
    builder.Services.AddContentFilter();       // Filtering/: blocked hosts and URLs, 403
    builder.Services.AddLoopDetection();       // Forwarding/: a request for the proxy itself, 508
    builder.Services.AddHttpsInspection();     // Inspection/: the root CA, leaf certificates
    builder.Services.AddForwardProxyCache();   // Caching/: the shared HTTP cache
    builder.Services.AddUpstreamProxy();       // Upstream/: a parent proxy to fetch through, or direct
    builder.Services.AddOriginForwarder();     // Forwarding/ + Anonymity/: YARP's forwarder

    // 1. Every new connection meets the tunnel first (Tunnel/): "CONNECT host:port" becomes a
    //    byte pipe to the origin (or, for inspected hosts, decrypted requests that run through
    //    the steps below); any other request goes on into the HTTP pipeline.
    builder.WebHost.UseConnectTunnel();

    var app = builder.Build();

    // 2. One access-log line per request, with the cache status and the filter decision.
    app.UseAccessLog();

    // 3. GET http://host/path is for the proxy to fetch; GET /path is for the proxy itself (its info page).
    app.UseProxyTarget();

    // 4. Who is asking: 407 until the client sends valid Proxy-Authorization (when users are configured).
    app.UseProxyAuthentication();

    // 5. May this be fetched at all: 403 naming the host or URL rule that matched.
    app.UseContentFilter();

    // 6. A request for the proxy's own address would come straight back: 508.
    app.UseLoopDetection();

    // 7. The shared cache may answer from a stored copy.
    app.UseForwardProxyCache();

    // 8. Fetch from the origin, with the anonymity level applied to the headers.
    app.RunOriginForwarder();
    return app;
}
