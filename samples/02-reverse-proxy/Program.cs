using Samples.Scaffolding;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));

    // Routes and clusters come from the standard "ReverseProxy" section of appsettings.json.
    builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

    var app = builder.Build();

    // The proxy answers its own health endpoint; everything else is routed to a backend.
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));
    app.MapReverseProxy();

    var demoBackends = new List<DemoBackend>();
    if (app.Configuration.GetValue("DemoBackends:Enabled", true))
    {
        demoBackends.Add(await DemoBackend.StartAsync("catalog", 5201, b => b.MapGet("/{**rest}", (HttpContext c) => $"catalog: {c.Request.Path}")));
    }

    await app.StartAsync();
    Banner.Print(
        "02 reverse proxy",
        "Clients talk to one address; the proxy picks the backend.",
        app.Urls,
        demoBackends,
        ["curl -i http://127.0.0.1:8082/catalog/items"]);
    await app.WaitForShutdownAsync();
    foreach (var backend in demoBackends)
    {
        await backend.DisposeAsync();
    }

    return 0;
});
