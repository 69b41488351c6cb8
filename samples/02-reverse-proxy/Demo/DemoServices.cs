using Samples.Scaffolding;

namespace Samples.ReverseProxy.Demo;

/// <summary>
/// The two services hiding behind the proxy in the demo: a catalog and an orders
/// service, on ports the OS picks (appsettings.json names 5201 and 5202, where you
/// would run your own; the proxy is pointed at the real ports). Both announce themselves the way real servers do
/// (Server, X-Powered-By, X-AspNet-Version), so you can watch the proxy take
/// that away.
/// </summary>
public static class DemoServices
{
    // The ports appsettings.json names for them.
    public const int CatalogPort = 5201;
    public const int OrdersPort = 5202;

    public static async Task<(DemoBackend Catalog, DemoBackend Orders)> StartAsync(CancellationToken cancellationToken = default)
    {
        var featuredRenders = 0;
        var catalog = await DemoBackend.StartAsync("catalog", CatalogPort, app =>
        {
            app.Use(Announce);
            app.MapGet("/catalog/items", () => Results.Json(
            [
                new CatalogItem(1, "Kettle", 24.90m),
                new CatalogItem(2, "Teapot", 18.50m),
                new CatalogItem(3, "Mug", 6.00m),
            ], DemoJson.Default.CatalogItemArray));

            // Expensive to render, rarely changes: the operator caches it at the proxy.
            app.MapGet("/catalog/featured", () => Results.Json(
                new FeaturedItem("Teapot", Interlocked.Increment(ref featuredRenders), DateTimeOffset.UtcNow),
                DemoJson.Default.FeaturedItem));
            app.MapGet("/catalog/whoami", (HttpContext c) => WhatISaw("catalog", c));
            app.MapGet("/catalog/{**rest}", (HttpContext c) => $"catalog: {c.Request.Path}");
            app.MapPost("/catalog/{**rest}", async (HttpContext c) =>
            {
                var received = await CountBytesAsync(c.Request.Body, c.RequestAborted);
                return Results.Json(new BytesReceived(received), DemoJson.Default.BytesReceived);
            });
        }, cancellationToken: cancellationToken);

        var orders = await DemoBackend.StartAsync("orders", OrdersPort, app =>
        {
            app.Use(Announce);
            app.MapGet("/", () => Results.Json([new OrderStatus(41, "shipped"), new OrderStatus(42, "packing")], DemoJson.Default.OrderStatusArray));

            // Slower than the orders route's Timeout allows: the proxy gives up and answers 504.
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                return Results.Text("finally");
            });
            app.MapGet("/whoami", (HttpContext c) => WhatISaw("orders", c));
            app.MapGet("/{id:int}", (int id) => Results.Json(new OrderStatus(id, "packing"), DemoJson.Default.OrderStatus));
            app.MapPost("/", async (HttpContext c) =>
            {
                var received = await CountBytesAsync(c.Request.Body, c.RequestAborted);
                return Results.Json(new OrderCreated(43, received), DemoJson.Default.OrderCreated, statusCode: StatusCodes.Status201Created);
            });
        }, cancellationToken: cancellationToken);

        return (catalog, orders);
    }

    // Real stacks leak their make and version in every answer; a reverse proxy is where that stops.
    private static Task Announce(HttpContext context, Func<Task> next)
    {
        context.Response.Headers["X-Powered-By"] = "ASP.NET";
        context.Response.Headers["X-AspNet-Version"] = "4.0.30319";
        return next();
    }

    // Lets a plain curl show what only the backend can see: the path after transforms and the forwarding headers.
    private static IResult WhatISaw(string service, HttpContext context) => Results.Json(
        new WhatTheBackendSaw(
            service,
            context.Request.Path + context.Request.QueryString,
            context.Request.Host.Value,
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers
                .Where(h => h.Key.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Forwarded", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString())),
        DemoJson.Default.WhatTheBackendSaw);

    private static async Task<long> CountBytesAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
