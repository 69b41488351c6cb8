using Samples.ReverseProxy;
using Yarp.ReverseProxy.Configuration;

namespace Samples.Tests.Hardening;

/// <summary>
/// The embedded demo backends listen on ports the OS picks, and the proxy is
/// pointed at them: the ports the configuration names may be taken by anything.
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class DemoPortTests
{
    [Fact]
    public async Task DemoBackend_ConfiguredPortBusy_StartsOnAPortTheOsPicks()
    {
        // Arrange
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busy = ((IPEndPoint)squatter.LocalEndpoint).Port;

        // Act
        await using var backend = await DemoBackend.StartAsync("demo", busy, app => app.MapGet("/", () => "hello"), cancellationToken: Ct);
        using var client = new HttpClient();
        var answer = await client.GetStringAsync(backend.Url, Ct);

        // Assert
        backend.ConfiguredPort.Should().Be(busy);
        backend.Port.Should().NotBe(busy).And.BePositive();
        answer.Should().Be("hello");
    }

    [Fact]
    public async Task DemoBackend_Restarted_ListensOnTheSamePortAgain()
    {
        // Arrange
        await using var backend = await DemoBackend.StartAsync("demo", 5999, app => app.MapGet("/", () => "hello"), cancellationToken: Ct);
        var first = backend.Port;

        // Act
        await backend.StopAsync();
        await backend.RestartAsync(Ct);

        // Assert
        backend.Port.Should().Be(first, "the proxy's destinations still point at the first port");
        using var client = new HttpClient();
        (await client.GetStringAsync(backend.Url, Ct)).Should().Be("hello");
    }

    [Fact]
    public async Task DemoDestinations_DestinationOnAConfiguredPort_PointsAtTheRealPort()
    {
        // Arrange
        await using var backend = await DemoBackend.StartAsync("catalog", 5201, app => app.MapGet("/", () => "hello"), cancellationToken: Ct);
        var filter = new DemoDestinations();
        filter.PointAt([backend]);
        var cluster = new ClusterConfig
        {
            ClusterId = "catalog",
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["demo"] = new() { Address = "http://127.0.0.1:5201/api/" },
                ["yours"] = new() { Address = "http://10.0.0.7:5201/" },
                ["other"] = new() { Address = "http://127.0.0.1:5202/" },
            },
        };

        // Act
        var configured = await filter.ConfigureClusterAsync(cluster, Ct);

        // Assert
        configured.Destinations!["demo"].Address.Should().Be($"http://127.0.0.1:{backend.Port}/api/");
        configured.Destinations["yours"].Address.Should().Be("http://10.0.0.7:5201/", "only loopback addresses stand for demo backends");
        configured.Destinations["other"].Address.Should().Be("http://127.0.0.1:5202/", "no demo backend stands behind that port");
    }

    [Fact]
    public async Task Tour_TwoCopiesAtOnce_BothPassEveryCheck()
    {
        // Arrange: two copies of 02, each with its own catalog and orders services.
        var entry = typeof(ReverseProxyApp);

        // Act
        var runs = await Task.WhenAll(
            SampleProcess.RunTourAsync(entry, "02-reverse-proxy", "http://127.0.0.1:0", Ct),
            SampleProcess.RunTourAsync(entry, "02-reverse-proxy", "http://127.0.0.1:0", Ct));

        // Assert
        foreach (var run in runs)
        {
            run.ExitCode.Should().Be(0, run.StdOut + run.StdErr);
            run.StdOut.Should().Contain("checks held");
        }
    }
}
