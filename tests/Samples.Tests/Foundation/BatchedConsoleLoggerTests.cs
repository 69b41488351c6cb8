namespace Samples.Tests.Foundation;

/// <summary>The samples' console log: lines wait for the next tick or a full buffer, warnings go out at once, nothing is reordered.</summary>
[Trait("Concept", "Foundation")]
public sealed class BatchedConsoleLoggerTests
{
    [Fact]
    public void InformationLines_WaitUntilFlush_ThenAppearInOrderInTheConsoleFormat()
    {
        // Arrange
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        var logger = provider.CreateLogger("Samples.Access");

        // Act
        logger.LogInformation(new EventId(1), "first {Number}", 1);
        logger.LogInformation(new EventId(1), "second {Number}", 2);
        var beforeFlush = output.ToString();
        provider.Flush();

        // Assert
        beforeFlush.Should().BeEmpty();
        output.ToString().Should().Be("info: Samples.Access[1]\n      first 1\ninfo: Samples.Access[1]\n      second 2\n");
    }

    [Fact]
    public void MessageOfSeveralLines_KeepsEveryLineIndentedUnderItsHeader()
    {
        // Arrange
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);

        // Act
        provider.CreateLogger("Samples.Banner").LogInformation("first line\nsecond line");
        provider.Flush();

        // Assert
        output.ToString().Should().Be("info: Samples.Banner[0]\n      first line\n      second line\n");
    }

    [Fact]
    public void Warning_IsWrittenAtOnce_AfterTheLinesWaitingBeforeIt()
    {
        // Arrange
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        var logger = provider.CreateLogger("Samples.Health");

        // Act
        logger.LogInformation("routine");
        logger.LogWarning(new InvalidOperationException("backend down"), "destination {Name} failed", "alpha");

        // Assert
        output.ToString().Should().StartWith("info: Samples.Health[0]\n      routine\nwarn: Samples.Health[0]\n      destination alpha failed\n      System.InvalidOperationException: backend down");
    }

    [Fact]
    public void FullBuffer_IsWrittenWithoutWaitingForTheTick_AndALongLineArrivesComplete()
    {
        // Arrange
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan, bufferChars: 64);
        var logger = provider.CreateLogger("Samples.Busy");
        var longMessage = new string('x', 200);

        // Act
        logger.LogInformation("short one");
        var afterShort = output.ToString();
        logger.LogInformation("{Text}", longMessage);
        logger.LogInformation("short two");
        var afterLong = output.ToString();
        provider.Flush();

        // Assert
        afterShort.Should().BeEmpty();
        afterLong.Should().StartWith("info: Samples.Busy[0]\n      short one\ninfo: Samples.Busy[0]\n      xxxx");
        output.ToString().Should().Be(
            "info: Samples.Busy[0]\n      short one\n"
            + "info: Samples.Busy[0]\n      " + longMessage + "\n"
            + "info: Samples.Busy[0]\n      short two\n");
    }

    [Fact]
    public void Dispose_WritesWhatIsStillWaiting()
    {
        // Arrange
        using var output = new StringWriter();
        var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        provider.CreateLogger("Samples.Stop").LogInformation("last words");

        // Act
        provider.Dispose();

        // Assert
        output.ToString().Should().Contain("last words");
    }

    [Fact]
    public void OutputThatCannotBeWritten_IsDropped_AndLoggingGoesOn()
    {
        // Arrange
        using var output = new BrokenThenWorkingWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        var logger = provider.CreateLogger("Samples.Pipe");

        // Act
        var first = () => logger.LogWarning("lost to a closed pipe");
        first.Should().NotThrow();
        logger.LogWarning("written once the output works again");

        // Assert
        output.ToString().Should().Be("warn: Samples.Pipe[0]\n      written once the output works again\n");
    }

    [Fact]
    public void Tour_ShowsWarningsAndTheTourCategories_WithinTheConfiguredLevels()
    {
        // Arrange: the tour shows "Samples.Health" below Warning, but the configuration says Error for one part of it.
        using var output = new StringWriter();
        var mode = new SampleMode(tour: true) { TourCategories = ["Samples.Health"] };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LogLevel:Default"] = "Information",
            ["LogLevel:Samples.Health.Probes"] = "Error",
        }).Build();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan, mode: mode);
        using var factory = LoggerFactory.Create(logging => logging.AddConfiguration(configuration).AddProvider(provider));

        // Act
        factory.CreateLogger("Samples.Health.Transitions").LogInformation("tour category, shown");
        factory.CreateLogger("Samples.Health.Probes").LogWarning("configured to Error, hidden");
        factory.CreateLogger("Samples.Access").LogInformation("not a tour category, hidden");
        factory.CreateLogger("Samples.Access").LogWarning("a warning, shown");
        provider.Flush();

        // Assert
        output.ToString().Should().Be("info: Samples.Health.Transitions[0]\n      tour category, shown\nwarn: Samples.Access[0]\n      a warning, shown\n");
    }

    [Fact]
    public void HostingFailedToStart_IsLeftToTheOneLineOnStderr_OtherHostErrorsAreWritten()
    {
        // Arrange
        using var output = new StringWriter();
        using var provider = new BatchedConsoleLoggerProvider(output, Timeout.InfiniteTimeSpan);
        var host = provider.CreateLogger("Microsoft.Extensions.Hosting.Internal.Host");

        // Act
        host.LogError(new EventId(11, "HostedServiceStartupFaulted"), new IOException("address already in use"), "Hosting failed to start");
        host.LogError(new EventId(9, "BackgroundServiceFaulted"), "BackgroundService failed");
        provider.Flush();

        // Assert
        output.ToString().Should().Be("fail: Microsoft.Extensions.Hosting.Internal.Host[9]\n      BackgroundService failed\n");
    }

    // Fails its first flush the way a closed pipe does, then writes normally.
    private sealed class BrokenThenWorkingWriter : StringWriter
    {
        private bool _broken = true;

        public override void Flush()
        {
            if (_broken)
            {
                _broken = false;
                GetStringBuilder().Clear();
                throw new IOException("Broken pipe");
            }

            base.Flush();
        }
    }
}
