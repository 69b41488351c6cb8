using Samples.LoadBalancing.AccessLog;
using Samples.LoadBalancing.Demo;
using Samples.LoadBalancing.Failover;
using Samples.LoadBalancing.Forwarding;
using Samples.LoadBalancing.Health;
using Samples.LoadBalancing.Policies;
using Samples.LoadBalancing.Settings;
using Samples.Scaffolding;

var builder = Sample.CreateBuilder(args);

// Kestrel answers malformed HTTP itself; keep its header limit at the suite's value.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestHeaderCount = 100);

// The sample's own switches (failover, X-Destination, the passive check's window), checked at start.
builder.Services.AddLoadBalancingSettings();

// Routes, clusters, each cluster's policy, health checks and affinity all come from YARP's
// standard "ReverseProxy" section (a section YARP refuses ends start-up in one line, too);
// the one response transform names the destination that answered.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .RaiseConfigurationErrorsAtStart()
    .AddDestinationHeader();

// YARP ships five policies; weights are the one thing nginx users miss, so we add it by name
// (and check at start that every cluster names a known policy and sane weights).
builder.Services.AddWeightedRoundRobinPolicy();

// Health decisions stay YARP's; this only logs when a destination leaves or rejoins, and why.
builder.Services.AddHealthTransitionLogging();

var app = builder.Build();

// The proxy answers its own health endpoint; everything else goes through the proxy pipeline.
app.MapGet("/healthz", HealthAnswer.Up);

// The request's path through the balancer, in order.
app.MapReverseProxyChecked(proxy =>
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

// Demo backends, banner or tour, and start-up errors as one line: the scaffolding's part.
return await app.RunSampleAsync(new LoadBalancingDemo());
