using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class ActiveHealthCheckTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ActiveHealthCheck_HealthAnswers503_LeavesRotationAndReturnsWhenHealthy()
    {
        // Arrange: probes every 200 ms; two failures in a row take a destination out (the file's threshold).
        var logs = new LogCapture();
        await using var balancer = BalancerUnderTest.Start(
            [("ReverseProxy:Clusters:round-robin:HealthCheck:Active:Interval", "00:00:00.200")],
            logs: logs);

        // Act 1: beta's health endpoint starts failing.
        balancer.Backends.SetHealth("beta", 503);
        var left = await ProxyCalls.EventuallyAsync(
            async () => !(await ProxyCalls.SequenceAsync(balancer.Client, "/round-robin/item", 3)).Contains("beta"),
            Bound);
        var betaBefore = balancer.Backends.ProxiedCount("beta");
        var whileOut = await ProxyCalls.SpreadAsync(balancer.Client, "/round-robin/item", 20);

        // Assert 1: out of the rotation; the two others share the traffic exactly; beta saw none of it.
        left.Should().BeTrue("beta's /health answers 503");
        whileOut.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 10, ["gamma"] = 10 });
        balancer.Backends.ProxiedCount("beta").Should().Be(betaBefore);
        (await LoggedAsync(logs, l => l.Contains("beta of cluster round-robin is OUT", StringComparison.Ordinal) && l.Contains("503", StringComparison.Ordinal)))
            .Should().BeTrue("the log says when and why beta left");

        // Act 2: beta is healthy again.
        balancer.Backends.SetHealth("beta", 200);
        var back = await ProxyCalls.EventuallyAsync(
            async () => (await ProxyCalls.SequenceAsync(balancer.Client, "/round-robin/item", 3)).Contains("beta"),
            Bound);

        // Assert 2: back in rotation, and the log says so.
        back.Should().BeTrue("beta's /health answers 200 again");
        balancer.Backends.ProxiedCount("beta").Should().BeGreaterThan(betaBefore);
        (await LoggedAsync(logs, l => l.Contains("beta of cluster round-robin passed the active check", StringComparison.Ordinal) && l.Contains("back IN", StringComparison.Ordinal)))
            .Should().BeTrue("the log says when beta came back");
    }

    // The health line is written by the probing thread just after the rotation changes, so allow it a moment.
    private static Task<bool> LoggedAsync(LogCapture logs, Func<string, bool> line) =>
        ProxyCalls.EventuallyAsync(() => Task.FromResult(logs.Lines.Any(line)), TimeSpan.FromSeconds(5));
}
