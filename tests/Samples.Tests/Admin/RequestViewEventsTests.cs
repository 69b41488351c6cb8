using System.Net.ServerSentEvents;
using Samples.Scaffolding.Admin.RequestView;
using Samples.Tests.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>
/// GET /events on the admin address is the page's live feed: Server-Sent
/// Events, first what the ring holds, then one JSON event per new request.
/// </summary>
[Trait("Concept", "LiveView")]
public sealed class RequestViewEventsTests
{
    // Only a bound on a broken feed, so that the test fails instead of hanging; nothing is timed.
    private static readonly TimeSpan FeedLimit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Events_RequestAfterSubscribing_ArrivesAfterTheHeldOnes()
    {
        // Arrange
        await using var proxy = ProxyUnderTest.Start(catalog: c => c.Stub("/*"));
        using var view = AdminView.Of(proxy.Host.Services);
        using var before = await proxy.GetAsync("/catalog/before");
        await view.LastForAsync("/catalog/before", Ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(FeedLimit);
        using var feed = await view.Client.GetAsync(new Uri("events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, bounded.Token);
        await using var stream = await feed.Content.ReadAsStreamAsync(bounded.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(bounded.Token).GetAsyncEnumerator(bounded.Token);

        // Act
        var first = await NextAsync(events);
        using var after = await proxy.GetAsync("/catalog/after?live=1");
        var second = await NextAsync(events);

        // Assert
        feed.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
        first.Target.Should().Be("/catalog/before", "the feed starts with what the ring holds");
        second.Target.Should().Be("/catalog/after?live=1");
        second.Status.Should().Be(200);
        second.Id.Should().BeGreaterThan(first.Id);
        second.Steps.Select(s => s.Stage).Should().StartWith("client").And.EndWith(["destination", "back"]);
    }

    private static async Task<RecordedRequest> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        (await events.MoveNextAsync()).Should().BeTrue("the feed stays open while the page watches");
        return JsonSerializer.Deserialize(events.Current.Data, RequestViewJson.Default.RecordedRequest)!;
    }
}
