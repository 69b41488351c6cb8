using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>QoSOptions on Polly, around YARP's forwarding, driven by a fake clock.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyQosTests
{
    private static readonly Uri Slow = new("/svc/work", UriKind.Relative);

    [Fact]
    public async Task Qos_DownstreamSlowerThanTimeout_503()
    {
        // Arrange: the downstream takes 20 s (real time); the route allows 2 s (fake time).
        using var backend = WireMockBackend.Start().Stub("/svc/work", body: "late", delay: TimeSpan.FromSeconds(20));
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("svc", "/svc", backend.Url, qos: new QosRule { Timeout = TimeSpan.FromSeconds(2) }),
        ]);
        using var client = gateway.CreateClient();

        // Act: move the fake clock on until the timeout has fired, however the timer and the request interleave.
        var call = client.GetAsync(Slow, Ct);
        await AdvanceUntilDoneAsync(gateway, call, TimeSpan.FromSeconds(1));
        var response = await call;

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("did not answer in time");
    }

    [Fact]
    public async Task Qos_FastDownstreamWithTimeout_PassesThrough()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/svc/work", body: "done");
        await using var gateway = await PolicyTestGateway.StartAsync([
            PolicyTestGateway.Route("svc", "/svc", backend.Url, qos: new QosRule { Timeout = TimeSpan.FromSeconds(2) }),
        ]);
        using var client = gateway.CreateClient();

        // Act
        var response = await client.GetAsync(Slow, Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("done");
    }

    [Fact]
    public async Task Qos_FailuresReachThreshold_CircuitOpensAndSparesTheDownstream()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/svc/work", status: 500, body: "broken");
        await using var gateway = await PolicyTestGateway.StartAsync([BreakerRoute(backend)]);
        using var client = gateway.CreateClient();

        // Act
        var failures = new[] { await client.GetAsync(Slow, Ct), await client.GetAsync(Slow, Ct) };
        var whileOpen = await client.GetAsync(Slow, Ct);

        // Assert
        failures.Should().OnlyContain(f => f.StatusCode == HttpStatusCode.InternalServerError, "the downstream's own answer passes through until the breaker opens");
        whileOpen.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await whileOpen.Content.ReadAsStringAsync(Ct)).Should().Contain("circuit");
        backend.ReceivedCountFor("/svc/work").Should().Be(2, "an open circuit answers without calling the downstream");
    }

    [Fact]
    public async Task Qos_BreakDurationOver_HalfOpensThenClosesOnSuccess()
    {
        // Arrange: open the circuit, then heal the downstream.
        using var backend = WireMockBackend.Start().Stub("/svc/work", status: 500);
        await using var gateway = await PolicyTestGateway.StartAsync([BreakerRoute(backend)]);
        using var client = await FailTwiceAsync(gateway);
        var open = await client.GetAsync(Slow, Ct);
        backend.Server.Reset();
        backend.Server.Given(Request.Create().WithPath("/svc/work").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("healed"));

        // Act
        gateway.Time.Advance(TimeSpan.FromSeconds(4));
        var stillOpen = await client.GetAsync(Slow, Ct);
        gateway.Time.Advance(TimeSpan.FromSeconds(1));
        var trial = await client.GetAsync(Slow, Ct);
        var closed = await client.GetAsync(Slow, Ct);

        // Assert
        open.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        stillOpen.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        trial.StatusCode.Should().Be(HttpStatusCode.OK, "after BreakDuration one trial call goes through");
        closed.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.ReceivedCountFor("/svc/work").Should().Be(2, "the healed downstream saw the trial and the call after it, nothing while open");
    }

    [Fact]
    public async Task Qos_TrialCallFails_CircuitOpensAgain()
    {
        // Arrange
        using var backend = WireMockBackend.Start().Stub("/svc/work", status: 503);
        await using var gateway = await PolicyTestGateway.StartAsync([BreakerRoute(backend)]);
        using var client = await FailTwiceAsync(gateway);

        // Act
        gateway.Time.Advance(TimeSpan.FromSeconds(5));
        var trial = await client.GetAsync(Slow, Ct);
        var afterTrial = await client.GetAsync(Slow, Ct);

        // Assert
        trial.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        afterTrial.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        backend.ReceivedCountFor("/svc/work").Should().Be(3, "two failures, then one trial; the call after the failed trial is refused");
    }

    private static PolicyTestRoute BreakerRoute(WireMockBackend backend) =>
        PolicyTestGateway.Route("svc", "/svc", backend.Url, qos: new QosRule
        {
            MinimumThroughput = 2,
            FailureRatio = 0.5,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = TimeSpan.FromSeconds(5),
        });

    // Two failing calls: MinimumThroughput of BreakerRoute, so the circuit opens. The client is handed on.
    private static async Task<HttpClient> FailTwiceAsync(PolicyTestGateway gateway)
    {
        var client = gateway.CreateClient();
        (await client.GetAsync(Slow, Ct)).Dispose();
        (await client.GetAsync(Slow, Ct)).Dispose();
        return client;
    }

    private static async Task AdvanceUntilDoneAsync(PolicyTestGateway gateway, Task call, TimeSpan step)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(15));
        while (!call.IsCompleted)
        {
            gateway.Time.Advance(step);
            await Task.WhenAny(call, Task.Delay(50, bound.Token));
        }
    }
}
