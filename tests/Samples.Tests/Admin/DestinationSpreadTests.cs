using System.Text.Json;
using Samples.Scaffolding.Admin.RequestView;
using Samples.Tests.Browser;
using Samples.Tests.LoadBalancing;

namespace Samples.Tests.Admin;

/// <summary>
/// 03's lesson on the page: each destination of a cluster, its health, and how
/// many of the recent requests went to it, served at /destinations and drawn as
/// bars on the page.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class DestinationSpreadTests
{
    [Fact]
    public async Task RoundRobin_SixRequests_TwoPerDestinationInTheSpread()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start(mode: HostMode.Kestrel);
        using var view = AdminView.Of(balancer.Host.Services);

        // Act
        for (var i = 0; i < 6; i++)
        {
            (await balancer.Client.GetAsync(new Uri("/round-robin/", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        }

        await view.RequestsAsync(6, Ct);
        var json = await view.Client.GetStringAsync(new Uri("destinations", UriKind.Relative), Ct);
        var spread = JsonSerializer.Deserialize(json, RequestViewJson.Default.IReadOnlyListDestinationShare)!;

        // Assert
        spread.Where(d => d.Cluster == "round-robin").Select(d => (d.Destination, d.Requests))
            .Should().BeEquivalentTo([("alpha", 2), ("beta", 2), ("gamma", 2)]);
        spread.Should().OnlyContain(d => d.Health != "unhealthy");
    }

    [Fact]
    public async Task Page_AfterRequests_DrawsOneBarPerDestinationWithItsCount()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start(mode: HostMode.Kestrel);
        using var view = AdminView.Of(balancer.Host.Services);
        for (var i = 0; i < 3; i++)
        {
            (await balancer.Client.GetAsync(new Uri("/round-robin/", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        }

        await view.RequestsAsync(3, Ct);

        // Act
        var run = await HeadlessChromium.DumpDomDirectAsync(view.Address, cancellationToken: Ct);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            run.StdOut.Should().MatchRegex($"<tr data-destination=\"round-robin/{name}\">.*?<td class=\"requests\">1</td><td><span class=\"bar\" style=\"width: 12rem;\"></span></td></tr>");
        }
    }
}
