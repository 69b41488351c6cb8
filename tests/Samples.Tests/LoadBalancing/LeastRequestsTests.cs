using Samples.LoadBalancing;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Samples.Tests.LoadBalancing;

[Trait("Concept", "LoadBalancing")]
public sealed class LeastRequestsTests
{
    [Fact]
    public async Task LeastRequests_OneBackendBusyWithASlowRequest_NewRequestsGoElsewhere()
    {
        // Arrange: on every backend, /least-requests/slow hangs until the test releases it.
        await using var balancer = BalancerUnderTest.Start();
        var busy = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var name in BackendTrio.Names)
        {
            balancer.Backends[name].Stub(server => server
                .Given(Request.Create().WithPath("/least-requests/slow").UsingGet())
                .AtPriority(0)
                .RespondWith(Response.Create().WithCallback(async _ =>
                {
                    busy.TrySetResult(name);
                    await release.Task;
                    return new ResponseMessage { StatusCode = 200, BodyData = new BodyData { BodyAsString = name, DetectedBodyType = BodyType.String } };
                })));
        }

        var slowCall = balancer.Client.GetAsync(new Uri("/least-requests/slow", UriKind.Relative), Ct);
        var slowBackend = await busy.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        // Act: while that request is in flight, send twelve quick ones.
        var spread = await ProxyCalls.SpreadAsync(balancer.Client, "/least-requests/fast", 12);
        release.SetResult();
        using var slowResponse = await slowCall;

        // Assert: none of them went to the busy backend (by the client's view and by the backend's log).
        spread.Should().NotContainKey(slowBackend);
        spread.Values.Sum().Should().Be(12);
        balancer.Backends[slowBackend].ReceivedCountFor("/least-requests/fast").Should().Be(0);
        ProxyCalls.Destination(slowResponse).Should().Be(slowBackend);
    }
}
