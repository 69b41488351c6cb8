using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

/// <summary>
/// beta is stopped (its port refuses connections) while the proxy still has it
/// in rotation: health checks are off for the round-robin cluster here, so
/// that every third request really is sent to the dead backend first.
/// </summary>
[Trait("Concept", "LoadBalancing")]
public sealed class FailoverTests
{
    private static (string, string?)[] NoHealthChecks(params (string, string?)[] extra) =>
    [
        ("ReverseProxy:Clusters:round-robin:HealthCheck:Active:Enabled", "false"),
        ("ReverseProxy:Clusters:round-robin:HealthCheck:Passive:Enabled", "false"),
        .. extra,
    ];

    [Fact]
    public async Task StoppedBackend_Gets_NoneLostAndAnsweredByTheOthers()
    {
        // Arrange
        var logs = new LogCapture();
        await using var balancer = BalancerUnderTest.Start(NoHealthChecks(), logs: logs);
        balancer.Backends["beta"].Server.Stop();

        // Act
        var statuses = new List<HttpStatusCode>();
        var answeredBy = new List<string?>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await balancer.Client.GetAsync(new Uri($"/round-robin/item/{i}", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
            answeredBy.Add(ProxyCalls.Destination(response));
        }

        // Assert: every GET succeeded, X-Destination names the backend that really answered, and some were retried.
        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK);
        answeredBy.Should().OnlyContain(d => d == "alpha" || d == "gamma");
        (balancer.Backends.ProxiedCount("alpha", "GET") + balancer.Backends.ProxiedCount("gamma", "GET")).Should().Be(30);
        logs.Lines.Count(l => l.StartsWith("Failover: GET", StringComparison.Ordinal) && l.Contains("failed on beta", StringComparison.Ordinal)).Should().BeGreaterThan(0);
        logs.Lines.Should().Contain(l => l.Contains("\"GET /round-robin/item/", StringComparison.Ordinal) && l.Contains("(failover from beta)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppedBackend_Post_NeverSentSoTriedOnceElsewhere()
    {
        // Arrange
        var logs = new LogCapture();
        await using var balancer = BalancerUnderTest.Start(NoHealthChecks(), logs: logs);
        balancer.Backends["beta"].Server.Stop();

        // Act: three POSTs; round robin sends exactly one of them to beta.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent($"order {i}");
            using var response = await balancer.Client.PostAsync(new Uri("/round-robin/orders", UriKind.Relative), content, Ct);
            statuses.Add(response.StatusCode);
        }

        // Assert: beta refused the connection, so the POST it was meant for never left the proxy and went
        // to another backend (nginx's proxy_next_upstream rule); each order arrived exactly once.
        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        (balancer.Backends.ProxiedCount("alpha", "POST") + balancer.Backends.ProxiedCount("gamma", "POST")).Should().Be(3);
        logs.Lines.Should().ContainSingle(l => l.StartsWith("Failover: POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppedBackend_PutWithBody_RetriedWithTheSameBody()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start(NoHealthChecks());
        balancer.Backends["beta"].Server.Stop();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent($"document {i}");
            using var response = await balancer.Client.PutAsync(new Uri($"/round-robin/documents/{i}", UriKind.Relative), content, Ct);
            statuses.Add(response.StatusCode);
        }

        // Assert: all three landed, each exactly once, each with its own body intact.
        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK);
        var received = new[] { "alpha", "gamma" }
            .SelectMany(n => balancer.Backends[n].Received)
            .Where(e => e.RequestMessage?.Method == "PUT")
            .Select(e => (e.RequestMessage!.Path, e.RequestMessage.Body))
            .ToList();
        received.Should().BeEquivalentTo(Enumerable.Range(0, 3).Select(i => ($"/round-robin/documents/{i}", (string?)$"document {i}")));
    }

    [Fact]
    public async Task RetryDisabled_StoppedBackend_GetAnswers502()
    {
        // Arrange
        await using var balancer = BalancerUnderTest.Start(NoHealthChecks(("LoadBalancing:RetryIdempotentRequests", "false")));
        balancer.Backends["beta"].Server.Stop();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await balancer.Client.GetAsync(new Uri("/round-robin/item", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
        }

        // Assert: without failover, the request that hit beta is lost.
        statuses.Count(s => s == HttpStatusCode.BadGateway).Should().Be(1);
        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(2);
    }
}
