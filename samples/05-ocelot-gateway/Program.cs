using Samples.Scaffolding;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    var app = builder.Build();
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));
    await app.StartAsync();
    Banner.Print("05-ocelot-gateway", "This sample is being built.", app.Urls, [], ["curl -i http://127.0.0.1:8085/healthz"]);
    await app.WaitForShutdownAsync();
    return 0;
});
