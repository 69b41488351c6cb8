using Samples.ReverseProxy;

namespace Samples.Tests.Admin;

/// <summary>The scripted tour opens with the address of its live view, so a learner can watch the tour's requests as they go.</summary>
[Trait("Concept", "LiveView")]
public sealed class TourAnnouncementTests
{
    [Fact]
    public async Task Tour_Start_FirstLineNamesTheLiveViewAddress()
    {
        // Act
        var run = await SampleProcess.RunTourAsync(typeof(ReverseProxyApp), "02-reverse-proxy", "http://127.0.0.1:0", Ct);

        // Assert
        run.ExitCode.Should().Be(0, run.StdErr);
        run.StdOut.Split('\n').First(line => line.Length > 0)
            .Should().MatchRegex(@"^Watch the tour's requests live: http://127\.0\.0\.1:\d+/ \(docs/live-view\.md\)$");
    }
}
