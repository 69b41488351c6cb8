using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samples.OcelotGateway;
using Samples.OcelotGateway.Auth;
using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Demo;
using Samples.OcelotGateway.LoadBalancing;
using Samples.OcelotGateway.Policies;
using Samples.OcelotGateway.Routing;
using Samples.OcelotGateway.Scaling;
using Samples.OcelotGateway.Transforms;
using Samples.Scaffolding;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    // The console log (the access log included) is written in batches: cheap under load (see Scaffolding).
    builder.Logging.AddBatchedConsole();

    // The tour prints its own account of each failure; YARP's stack traces would bury it.
    if (SampleRunner.IsDemo(args))
    {
        builder.Logging.AddFilter("Yarp", LogLevel.Error);
    }

    // Kestrel rejects malformed and oversized requests (400, 414, 431, 505) before the gateway sees them.
    builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestHeaderCount = 100);

    // An address Kestrel cannot parse would stop start-up with a stack trace; name the key instead.
    ListenAddresses.Validate(builder.Configuration, "http://127.0.0.1:8085");

    // 1. Read the Ocelot file strictly: an unknown key or a bad value stops start-up here, naming its JSON path.
    var configFile = builder.Configuration["Gateway:ConfigFile"] is { Length: > 0 } file
        ? Path.GetFullPath(file, builder.Environment.ContentRootPath)
        : Path.Combine(builder.Environment.ContentRootPath, OcelotConfigLoader.DefaultFileName);
    // ---- Part 2: the tour edits the Ocelot file live, so it runs on a temporary copy, never on yours. ----
    if (SampleRunner.IsDemo(args))
    {
        configFile = PolicyTour.CopyForTour(configFile);
    }

    var loaded = OcelotConfigLoader.Load(configFile, builder.Environment.EnvironmentName, [GatewayJwt.ProviderKey]);
    var ocelot = loaded.GetOrThrow();
    var jwt = GatewayJwt.FromConfiguration(builder.Configuration);
    builder.Services.AddSingleton(new OcelotFileSource(configFile, builder.Environment.EnvironmentName));

    // 2. Ocelot's routes become YARP routes and clusters, held by a provider that can swap them at run time.
    builder.Services.TryAddSingleton(TimeProvider.System);
    builder.Services.AddSingleton<OcelotProxyConfigProvider>();
    builder.Services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<OcelotProxyConfigProvider>());
    builder.Services.AddSingleton<OcelotRouteTable>();
    builder.Services.AddReverseProxy().AddTransforms<OcelotTransformProvider>();

    // 3. Ocelot's load balancers: YARP has RoundRobin, LeastRequests and FirstAlphabetical; sticky sessions on the application's cookie are ours.
    builder.Services.AddSingleton<ILoadBalancingPolicy, CookieStickySessionsPolicy>();

    // 4. The "Bearer" provider that AuthenticationProviderKeys name, and the claims checks of RouteClaimsRequirement.
    builder.Services.AddAuthentication().AddJwtBearer(GatewayJwt.ProviderKey, jwt.Configure);
    builder.Services.AddAuthorization();
    builder.Services.AddSingleton<IAuthorizationHandler, RouteClaimsRequirementHandler>();
    builder.Services.AddSingleton(jwt);

    // ---- Part 2 (Policies/): register rate limiting, output caching, QoS, aggregates and hot reload services here.
    //      An IOcelotRouteDecorator registered in DI sees every translated route (to set RateLimiterPolicy,
    //      OutputCachePolicy, TimeoutPolicy or metadata on its YARP RouteConfig). ----
    builder.Services.AddGatewayPolicies();

    // Scale-out (Scaling/): with Gateway:Redis, rate-limit counters and cached answers live in Redis, shared by every instance.
    builder.Services.AddGatewayScaleOut(builder.Configuration);
    var instances = SecondInstance.InstancesFrom(builder.Configuration);
    var app = builder.Build();

    // Name the file the learner actually gave (--Gateway:ConfigFile), not the default's name.
    var fileNames = string.Join(" + ", loaded.Files.Select(Path.GetFileName));
    foreach (var warning in loaded.Warnings)
    {
        GatewayLog.Deprecated(app.Logger, fileNames, warning);
    }

    var table = app.Services.GetRequiredService<OcelotRouteTable>();

    // ---- Part 2: the policies of the same file go in force first; then every good edit of the file is applied live. ----
    using var watcher = app.UseOcelotPolicies(
        ocelot,
        configFile,
        () => OcelotConfigLoader.Load(configFile, builder.Environment.EnvironmentName, [GatewayJwt.ProviderKey]),
        table.Apply,
        OcelotToYarp.RouteId);
    table.Apply(ocelot);
    GatewayLog.Loaded(app.Logger, ocelot.Routes.Count, ocelot.Aggregates.Count, string.Join(" + ", loaded.Files));

    // 5. Match the request to a route. Ocelot answers 404 when the path matches but the method does not; ASP.NET Core would say 405.
    app.UseRouting();
    app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.DisplayName == "405 HTTP Method Not Supported")
        {
            context.SetEndpoint(null);
        }

        return next(context);
    });

    // 6. One access-log line per request, then the request id (propagated or created) for the downstream and the logs.
    app.UseMiddleware<AccessLogMiddleware>();
    app.UseMiddleware<RequestIdMiddleware>();

    // ---- Part 2 (Policies/): rate limiting goes here, before authentication, as in Ocelot's pipeline. ----
    app.UseGatewayRateLimiting();

    // 7. Authenticate with the route's providers (401 when none vouches) and check its claims (403).
    app.UseAuthentication();
    app.UseAuthorization();

    // ---- Part 2 (Policies/): output caching and QoS go here; a middleware finds the matched route's
    //      options with context.GetOcelotRoute() (the OcelotRoute is endpoint metadata). ----
    app.UseGatewayOutputCache();

    // 8. Paths the gateway answers itself come before every Ocelot route, whatever its template.
    var demoBackends = app.Configuration.GetValue("DemoBackends:Enabled", true);
    app.MapGet("/healthz", (OcelotRouteTable routes, GatewayStateStore state) => Results.Json(new
    {
        status = "up",
        stateStore = state.Mode,
        routes = routes.Current.Routes.Count,
        aggregates = routes.Current.Aggregates.Count,
    })).WithOrder(int.MinValue);
    if (demoBackends)
    {
        app.MapPost("/demo/token", (DemoTokenRequest request, GatewayJwt issuer, TimeProvider time) =>
            DemoTokenRequest.Answer(request, issuer, time)).WithOrder(int.MinValue);
    }

    app.MapGatewayCacheAdmin();

    // 9. Everything else is proxied: the route's cluster picks a downstream, the transforms shape the request, and bodies stream both ways.
    app.MapReverseProxy(proxy =>
    {
        proxy.UseGatewayQos();
        proxy.UseLoadBalancing();
    }).Add(endpoint => OcelotEndpointMetadata.Attach(endpoint, table));

    DemoServices? services = demoBackends ? await DemoServices.StartAsync() : null;
    await app.StartAsync();

    // Scale-out: --Gateway:Instances=2 runs a second gateway process on 8086, with the same configuration.
    await using var second = instances > 1 ? await SecondInstance.StartIfAskedAsync(app, SampleRunner.ConfigArgs(args), quiet: SampleRunner.IsDemo(args)) : null;

    // Redis outlives a run: the tour starts by forgetting what a previous run cached and counted there.
    if (SampleRunner.IsDemo(args))
    {
        await ScaleOutTour.ForgetPreviousRunAsync(app.Services);
    }

    if (SampleRunner.IsDemo(args))
    {
        var tour = new Tour("05 Ocelot gateway on YARP");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = new Uri(app.Urls.First()) };
        if (services is null)
        {
            tour.Check(false, "the tour needs the demo backends (DemoBackends:Enabled=true)");
        }
        else
        {
            await GatewayTour.RunCoreStepsAsync(tour, client, services);

            // ---- Part 2 (Policies/): the policy steps of the tour run here. ----
            await PolicyTour.RunPolicyStepsAsync(tour, client, services, configFile, watcher);

            // Scale-out: a burst over both instances, and a cached answer crossing from one to the other.
            if (second is not null)
            {
                await ScaleOutTour.RunAsync(tour, client, services);
            }
        }

        await app.StopAsync();
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        return tour.Finish();
    }

    Banner.Print(
        "05 Ocelot gateway",
        "An API gateway: Ocelot's ocelot.json, run on YARP and ASP.NET Core middleware.",
        app.Urls,
        services?.All ?? [],
        TryCommands.For(new Uri(app.Urls.First()), demoBackends),
        [$"Ocelot file: {string.Join(" + ", loaded.Files)}"]);
    await app.WaitForShutdownAsync();
    if (services is not null)
    {
        await services.DisposeAsync();
    }

    return 0;
});
