using Samples.OcelotGateway.AccessLog;
using Samples.OcelotGateway.Auth;
using Samples.OcelotGateway.Demo;
using Samples.OcelotGateway.Health;
using Samples.OcelotGateway.LoadBalancing;
using Samples.OcelotGateway.Loading;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.RateLimiterPolicies;
using Samples.OcelotGateway.Routing;
using Samples.OcelotGateway.Scaling;
using Samples.OcelotGateway.Settings;
using Samples.OcelotGateway.Transforms;
using Samples.Scaffolding;

var builder = Sample.CreateBuilder(args);

// The Gateway section (Ocelot file, JWT keys, Redis, instances), checked at start-up: a bad value names its key.
builder.Services.AddGatewaySettings();

// 1. ocelot.json is read strictly at start-up (an unknown key stops it, naming the JSON path), then every good edit is applied live.
builder.Services.AddOcelotFile();

// 2. Ocelot's routes become YARP routes and clusters, held by a provider that can swap them at run time. Their load
//    balancers are YARP's (RoundRobin, LeastRequests, FirstAlphabetical), plus CookieStickySessions on the app's own cookie.
builder.Services.AddOcelotRouting();
builder.Services.AddCookieStickySessions();

// 3. The "Bearer" provider that AuthenticationProviderKeys name (keys from Gateway:Jwt), and RouteClaimsRequirement's checks.
builder.Services.AddAuthentication().AddJwtBearer(GatewayJwt.ProviderKey);
builder.Services.AddGatewayJwt();

// 4. Rate limits (Ocelot's, or "DotNet": Gateway:RateLimiterPolicies), cache, QoS, aggregates; with Gateway:Redis, shared by instances.
builder.Services.AddGatewayPolicies().AddRateLimiterPolicies();
builder.Services.AddGatewayScaleOut();

var app = builder.Build();

// 5. Match the request to a route; a path that matches with the wrong method is 404, as in Ocelot.
app.UseOcelotRouting();

// 6. One access-log line per request, then the request id (propagated or created) for the downstream and the logs.
app.UseMiddleware<AccessLogMiddleware>();
app.UseMiddleware<RequestIdMiddleware>();

// 7. Aggregates and rate limits come before authentication, as in Ocelot's pipeline: a refused request costs nothing more.
app.UseGatewayRateLimiting();

// 8. Authenticate with the route's providers (401 when none vouches) and check its claims (403); then the output cache.
app.UseAuthentication();
app.UseAuthorization();
app.UseGatewayOutputCache();

// 9. Paths the gateway answers itself come before every Ocelot route, whatever its template.
app.MapGatewayHealth();
app.MapGatewayCacheAdmin();

// 10. Everything else is proxied: QoS wraps the call, the route's cluster picks a downstream, the transforms shape the request.
app.MapReverseProxy(proxy => proxy.UseGatewayQos().UseLoadBalancing()).WithOcelotRoutes(app.Services);

return await app.RunSampleAsync(new GatewayDemo());
