// The workshop's third command: the five samples side by side, each with its demo backends,
// Redis for the gateway when it is installed, and Aspire's dashboard for their logs, traces and metrics.
// The AppHost only starts the samples, gives each its address, tells them where to send telemetry
// (Aspire sets OTEL_EXPORTER_OTLP_ENDPOINT) and adds one chained route; the concepts stay in the samples.
using Samples.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var at = new SampleAddresses(builder.Configuration);

// 01 at the "Transparent" level: a proxy that names itself to origins also passes the trace on
// (at the other levels it tells the origin nothing of its own, trace context included).
var forwardProxy = builder.AddProject<Projects.Samples_ForwardProxy>("forward-proxy")
    .ListeningOn(at.ForwardProxy)
    .WithAdmin(at.Admin("ForwardProxy", 9001))
    .WithEnvironment("ForwardProxy__Anonymity", "Transparent");

// 02 gains the chain's route: /chain/... goes on to the load balancer's round-robin cluster.
var reverseProxy = builder.AddProject<Projects.Samples_ReverseProxy>("reverse-proxy")
    .ListeningOn(at.ReverseProxy)
    .WithAdmin(at.Admin("ReverseProxy", 9002))
    .WithChainRoute(at.LoadBalancing);

var loadBalancer = builder.AddProject<Projects.Samples_LoadBalancing>("load-balancing")
    .ListeningOn(at.LoadBalancing)
    .WithAdmin(at.Admin("LoadBalancing", 9003));

builder.AddProject<Projects.Samples_SslTermination>("ssl-termination")
    .ListeningOn(at.SslTermination, at.SslRedirect)
    .WithAdmin(at.Admin("SslTermination", 9004));

builder.AddProject<Projects.Samples_OcelotGateway>("ocelot-gateway")
    .ListeningOn(at.Gateway)
    .WithAdmin(at.Admin("Gateway", 9005))
    .WithRedisWhenInstalled(builder, at.RedisPort);

// The chain starts back to front, so that no hop answers 502 while the next one is still starting.
reverseProxy.WaitFor(loadBalancer);
forwardProxy.WaitFor(reverseProxy);

builder.Build().Run();
