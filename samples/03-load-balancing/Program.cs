using Samples.Scaffolding;

return await SampleRunner.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(SampleRunner.ConfigArgs(args));
    var app = builder.Build();
    app.MapGet("/healthz", () => Results.Ok(new { status = "up" }));
    await app.StartAsync();
    Banner.Print("03-load-balancing", "This sample is being built.", app.Urls, [], ["curl -i http://127.0.0.1:8083/healthz"]);
    await app.WaitForShutdownAsync();
    return 0;
});
