using Samples.LoadBalancing;
using Samples.Scaffolding;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    // The console log (the access log included) is written in batches: cheap under load (see Scaffolding).
    builder.Logging.AddBatchedConsole();

    // Bad settings stop start-up here, with one line naming the key, before anything listens.
    var options = LoadBalancingOptions.FromConfiguration(builder.Configuration);
    WeightedRoundRobinPolicy.ValidateWeights(builder.Configuration.GetSection("ReverseProxy"));
    builder.Services.AddSingleton(options);

    // Kestrel answers malformed HTTP itself; keep its header limit at the suite's value.
    builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestHeaderCount = 100);

    // An address Kestrel cannot parse would stop start-up with a stack trace; name the key instead.
    ListenAddresses.Validate(builder.Configuration, "http://127.0.0.1:8083");

    // A tour prints its own story: keep per-request lines (access log, each retry) out of it; health changes still show.
    if (SampleRunner.IsDemo(args))
    {
        builder.Logging.AddFilter("Samples.LoadBalancing.AccessLog", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(FailoverMiddleware).FullName, LogLevel.Warning);
    }

    // Routes, clusters, each cluster's policy, health checks and affinity all come from the
    // standard "ReverseProxy" section; the one response transform adds X-Destination.
    builder.Services.AddReverseProxy()
        .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
        .AddTransforms(transforms =>
        {
            if (options.ExposeDestination)
            {
                transforms.AddResponseTransform(context =>
                {
                    // Only a destination that actually answered is named; a failed attempt never is.
                    if (context.ProxyResponse is not null && context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } answered)
                    {
                        context.HttpContext.Response.Headers["X-Destination"] = answered.DestinationId;
                    }

                    return ValueTask.CompletedTask;
                });
            }
        });

    // The passive check's sliding window (YARP keeps an ejected server out for at least this long).
    builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(builder.Configuration.GetSection("LoadBalancing:TransportFailureRate"));

    // YARP ships five policies; weights are the one thing nginx users miss, so we add it by name.
    builder.Services.AddSingleton<ILoadBalancingPolicy, WeightedRoundRobinPolicy>();

    // Health decisions stay YARP's; this only logs when a destination leaves or rejoins, and why.
    builder.Services.AddHealthTransitionLogging();

    var app = builder.Build();

    // The proxy answers its own health endpoint; everything else goes through the proxy pipeline.
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));

    // A misspelt policy name stops start-up naming the key (anything else YARP refuses in the section
    // ends in one line too: the shared SampleRunner reports YARP's reasons).
    ProxyConfigurationCheck.RequireKnownPolicies(app.Configuration, app.Services.GetServices<ILoadBalancingPolicy>());

    // The request's path through the balancer, in order.
    app.MapReverseProxy(proxy =>
    {
        // 1. One access-log line per request, naming the destination that answered.
        proxy.UseMiddleware<AccessLogMiddleware>();

        // 2. A sticky cookie (on clusters that enable affinity) narrows the choice to the pinned destination.
        proxy.UseSessionAffinity();

        // 3. The cluster's policy picks one destination among those the health checks left available.
        proxy.UseLoadBalancing();

        // 4. If that destination fails before answering, an idempotent request gets one more try elsewhere.
        proxy.UseMiddleware<FailoverMiddleware>();

        // 5. Every attempt's outcome feeds the passive health check, so a failing server is ejected.
        proxy.UsePassiveHealthChecks();

        // 6. YARP's forwarder sends the request to the chosen destination (added after this block).
    });

    // Demo backends start after Build(), so that a test host never sees them.
    DemoFleet? fleet = null;
    if (app.Configuration.GetValue("DemoBackends:Enabled", true))
    {
        fleet = await DemoFleet.StartAsync(app.Configuration.GetValue("DemoBackends:SlowDelay", TimeSpan.FromMilliseconds(30)));
    }

    await app.StartAsync();
    var proxyUrl = app.Urls.First().TrimEnd('/');

    if (SampleRunner.IsDemo(args))
    {
        var exitCode = await LoadBalancingTour.RunAsync(new Uri(proxyUrl + "/"), fleet);
        await app.StopAsync();
        if (fleet is not null)
        {
            await fleet.DisposeAsync();
        }

        return exitCode;
    }

    Banner.Print(
        "03 load balancing",
        "One address, three backends: the proxy spreads requests, drops a dead server and retries safe requests elsewhere.",
        app.Urls,
        fleet?.Backends ?? [],
        [
            $"curl -i {proxyUrl}/round-robin/",
            $"for i in 1 2 3 4 5; do curl -s {proxyUrl}/weighted/; done",
            $"curl -s -c /tmp/lb.jar -b /tmp/lb.jar -D - {proxyUrl}/sticky/ -o /dev/null",
            $"curl -s -o /dev/null -w '%{{http_code}}\\n' -X POST {proxyUrl}/round-robin/orders",
        ],
        [
            "Policies: /round-robin/ /weighted/ /least-requests/ /power-of-two/ /random/ /first/ /sticky/",
        ]);
    await app.WaitForShutdownAsync();
    if (fleet is not null)
    {
        await fleet.DisposeAsync();
    }

    return 0;
});
