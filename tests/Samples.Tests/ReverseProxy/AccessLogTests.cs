using Samples.ReverseProxy;

namespace Samples.Tests.ReverseProxy;

/// <summary>Every request gets one access-log line naming the route, cluster and destination that served it.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class AccessLogTests
{
    [Fact]
    public async Task ProxiedRequest_Answered_OneLineWithChosenDestination()
    {
        // Arrange
        var log = new LogCapture(typeof(AccessLog).FullName!);
        await using var proxy = ProxyUnderTest.Start(
            orders: o => o.Stub("/42", body: "order"),
            services: s => s.AddSingleton<ILoggerProvider>(log));

        // Act
        await proxy.GetAsync("/orders/42");

        // Assert
        var line = (await log.WaitForLinesAsync(1, Ct)).Should().ContainSingle().Subject;
        line.Should().StartWith("127.0.0.1 GET /orders/42 200 ")
            .And.Contain("route=orders cluster=orders destination=orders-1")
            .And.Contain("error=-");
    }

    [Fact]
    public async Task CacheHit_Answered_LineSaysHitAndNoDestination()
    {
        // Arrange
        var log = new LogCapture(typeof(AccessLog).FullName!);
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/catalog/featured", body: "featured"),
            services: s => s.AddSingleton<ILoggerProvider>(log));

        // Act
        await proxy.GetAsync("/catalog/featured");
        await proxy.GetAsync("/catalog/featured");

        // Assert
        var lines = await log.WaitForLinesAsync(2, Ct);
        lines.Should().HaveCount(2);
        lines.Should().ContainSingle(l => l.Contains("destination=catalog-1") && l.Contains("cache=\"ReverseProxy; fwd=uri-miss; stored\""));
        lines.Should().ContainSingle(l => l.Contains("destination=-") && l.Contains("cache=\"ReverseProxy; hit\""));
    }

    [Fact]
    public async Task BackendDown_Answered_LineNamesTheForwardingError()
    {
        // Arrange
        var log = new LogCapture(typeof(AccessLog).FullName!);
        await using var proxy = ProxyUnderTest.Start(
            settings: new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:catalog:Destinations:catalog-1:Address"] = $"http://127.0.0.1:{Infrastructure.FreePort.Next()}/",
            },
            services: s => s.AddSingleton<ILoggerProvider>(log));

        // Act
        await proxy.GetAsync("/catalog/items");

        // Assert
        (await log.WaitForLinesAsync(1, Ct)).Should().ContainSingle().Which.Should().Contain(" 502 ").And.Contain("error=Request");
    }
}
