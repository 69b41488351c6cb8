using Samples.ReverseProxy;
using Samples.ReverseProxy.Demo;
using Samples.Scaffolding;

// The demo scaffolding (console log, the `demo` tour, banner, one-line start-up errors) is in samples/Scaffolding.
var builder = Sample.CreateBuilder(args);

// The proxy is the only server clients see: no Server header, and Kestrel:Limits (431, 413) before any routing.
builder.Services.AddEdgeLimits(builder.Configuration);

// Routes, clusters, destinations and transforms come from the standard "ReverseProxy" section. On top of
// it, every route strips the headers that would tell clients which stack a backend runs (Hiding/), and a
// route naming no cluster stops start-up instead of answering 503 (Routing/).
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .HideBackendHeaders(builder.Configuration)
    .CheckClusterReferences(builder.Configuration.GetSection("ReverseProxy"));

// A route's "OutputCachePolicy" names one of these (Caching/): the operator, not the backend, decides.
builder.Services.AddProxyOutputCache(builder.Configuration);

// A route's "Timeout" is enforced by ASP.NET Core's request-timeouts middleware.
builder.Services.AddRequestTimeouts();

// Every error the proxy makes itself is answered as application/problem+json (Errors/).
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProxyProblems.Describe);

var app = builder.Build();

// 1. Anything that throws becomes a 500 problem, never a stack trace on the wire.
app.UseExceptionHandler();

// 2. Empty error answers (no route, backend down or slow, body too big) get a problem-details body.
app.UseStatusCodePages();

// 3. One access-log line per request, written last so it knows status, destination and cache verdict (Logging/).
app.UseMiddleware<AccessLog>();

// 4. Routing picks the route by host and path; timeouts and the cache need to know which route it was.
app.UseRouting();
app.UseRequestTimeouts();

// 5. A cached route answers repeats here, before the proxy (and the backend) hear of them.
app.UseOutputCache();

// 6. The proxy's own health answer, never forwarded.
app.MapGet("/healthz", HealthAnswer.Up);

// 7. YARP forwards: pick a destination, apply the transforms, stream the request and the answer;
//    a failed exchange gets the right status (502, 504) for step 2 to describe.
app.MapReverseProxy(proxy =>
{
    proxy.Use(ProxyProblems.AfterForwardingAsync);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

return await app.RunSampleAsync(new ReverseProxyDemo());
