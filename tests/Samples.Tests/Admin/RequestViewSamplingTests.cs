using Microsoft.Extensions.Time.Testing;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// Under load the view samples: at most Admin:RecordPerSecond requests a second
/// are recorded, the rest pass unrecorded and are counted in /requests'
/// X-Requests-Skipped. The clock is a fake one, so "a second" is the test's to decide.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewSamplingTests
{
    [Fact]
    public async Task RecordPerSecondTwo_FiveRequestsInOneSecond_TwoRecordedThreeSkippedThenTheNextSecondRecordsAgain()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        await using var proxy = ProxyUnderTest.Start(
            catalog: c => c.Stub("/*"),
            settings: new Dictionary<string, string?> { ["Admin:RecordPerSecond"] = "2" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var view = AdminView.Of(proxy.Host.Services);

        // Act
        for (var i = 1; i <= 5; i++)
        {
            (await proxy.GetAsync($"/catalog/item-{i}")).EnsureSuccessStatusCode();
        }

        await view.LastForAsync("/catalog/item-2", Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await proxy.GetAsync("/catalog/item-6")).EnsureSuccessStatusCode();
        await view.LastForAsync("/catalog/item-6", Ct);
        using var answer = await view.Client.GetAsync(new Uri("requests", UriKind.Relative), Ct);
        var held = await view.RequestsAsync(3, Ct);

        // Assert
        held.Select(r => r.Target).Should().Equal("/catalog/item-1", "/catalog/item-2", "/catalog/item-6");
        answer.Headers.GetValues("X-Requests-Skipped").Should().Equal("3");
        proxy.Catalog.ReceivedCount.Should().Be(6, "a request left unrecorded is still proxied");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    public async Task RecordPerSecondOutOfRange_Start_FailsNamingTheKey(string perSecond)
    {
        // Arrange
        var start = async () =>
        {
            await using var proxy = ProxyUnderTest.Start(settings: new Dictionary<string, string?> { ["Admin:RecordPerSecond"] = perSecond });
        };

        // Act
        var failure = await start.Should().ThrowAsync<Exception>();

        // Assert
        failure.Which.ToString().Should().Contain($"Admin:RecordPerSecond: {perSecond} is out of range");
    }
}
