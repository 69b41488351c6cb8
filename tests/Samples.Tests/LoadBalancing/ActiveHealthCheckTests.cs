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
        using var trio = BackendTrio.Start();
        var logs = new CapturedLogs();
        await using var host = SampleHost<LoadBalancingApp>.Start(
            trio.Settings(("ReverseProxy:Clusters:round-robin:HealthCheck:Active:Interval", "00:00:00.200")),
            HostMode.TestServer,
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.CreateClient();

        // Act 1: beta's health endpoint starts failing.
        trio.SetHealth("beta", 503);
        var left = await ProxyCalls.EventuallyAsync(
            async () => !(await ProxyCalls.SequenceAsync(client, "/round-robin/item", 3)).Contains("beta"),
            Bound);
        var betaBefore = trio.ProxiedCount("beta");
        var whileOut = await ProxyCalls.SpreadAsync(client, "/round-robin/item", 20);

        // Assert 1: out of the rotation; the two others share the traffic exactly; beta saw none of it.
        left.Should().BeTrue("beta's /health answers 503");
        whileOut.Should().BeEquivalentTo(new Dictionary<string, int> { ["alpha"] = 10, ["gamma"] = 10 });
        trio.ProxiedCount("beta").Should().Be(betaBefore);
        (await LoggedAsync(logs, l => l.Contains("beta of cluster round-robin is OUT", StringComparison.Ordinal) && l.Contains("503", StringComparison.Ordinal)))
            .Should().BeTrue("the log says when and why beta left");

        // Act 2: beta is healthy again.
        trio.SetHealth("beta", 200);
        var back = await ProxyCalls.EventuallyAsync(
            async () => (await ProxyCalls.SequenceAsync(client, "/round-robin/item", 3)).Contains("beta"),
            Bound);

        // Assert 2: back in rotation, and the log says so.
        back.Should().BeTrue("beta's /health answers 200 again");
        trio.ProxiedCount("beta").Should().BeGreaterThan(betaBefore);
        (await LoggedAsync(logs, l => l.Contains("beta of cluster round-robin passed the active check", StringComparison.Ordinal) && l.Contains("back IN", StringComparison.Ordinal)))
            .Should().BeTrue("the log says when beta came back");
    }

    // The health line is written by the probing thread just after the rotation changes, so allow it a moment.
    private static Task<bool> LoggedAsync(CapturedLogs logs, Func<string, bool> line) =>
        ProxyCalls.EventuallyAsync(() => Task.FromResult(logs.Lines.Any(line)), TimeSpan.FromSeconds(5));
}
