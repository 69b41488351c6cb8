using Samples.OcelotGateway.Configuration;
using Samples.OcelotGateway.Loading;

namespace Samples.Tests.Gateway;

/// <summary>Hot reload's file side: a good edit is applied, a broken one rejected with a log line.</summary>
[Trait("Concept", "Gateway")]
public sealed class PolicyFileWatcherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocelot-watch-").FullName;

    [Fact]
    public async Task Watcher_GoodEdit_AppliesTheNewFile()
    {
        // Arrange
        var logger = new PolicyListLogger();
        using var file = await WatchAsync(logger);

        // Act
        var accepted = await file.EditAsync(FileWith("/second"));

        // Assert
        accepted.Should().BeTrue();
        file.Applied.Should().ContainSingle().Which.Routes[0].UpstreamPathTemplate.Should().Be("/second");
        logger.Lines.Should().Contain(l => l.Level == LogLevel.Information && l.Message.Contains("reloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watcher_GoodEditWithAKeyThatCannotMatter_AppliedWithOneWarningNamingItsPath()
    {
        // Arrange
        var logger = new PolicyListLogger();
        using var file = await WatchAsync(logger);

        // Act
        var accepted = await file.EditAsync(FileWith("/second").Replace("\"Priority\": 1,", "\"Priority\": 1, \"Metadata\": { \"team\": \"a\" },", StringComparison.Ordinal));

        // Assert
        accepted.Should().BeTrue();
        logger.Lines.Where(l => l.Level == LogLevel.Warning).Should().ContainSingle()
            .Which.Message.Should().Contain("Routes[0].Metadata is ignored");
    }

    [Fact]
    public async Task Watcher_PollingMode_SeesTheEditToo()
    {
        // Arrange
        using var file = await WatchAsync(new PolicyListLogger(), polling: true);

        // Act
        var accepted = await file.EditAsync(FileWith("/polled"));

        // Assert
        accepted.Should().BeTrue();
        file.Applied.Should().ContainSingle().Which.Routes[0].UpstreamPathTemplate.Should().Be("/polled");
    }

    [Fact]
    public async Task Watcher_BrokenEdit_RejectedWithALogLineAndNothingApplied()
    {
        // Arrange
        var logger = new PolicyListLogger();
        using var file = await WatchAsync(logger);

        // Act: an unknown key, which the loader refuses.
        var accepted = await file.EditAsync(FileWith("/second").Replace("\"Priority\"", "\"Prioritee\"", StringComparison.Ordinal));

        // Assert
        accepted.Should().BeFalse();
        file.Applied.Should().BeEmpty();
        logger.Lines.Should().Contain(l => l.Level == LogLevel.Error && l.Message.Contains("Prioritee", StringComparison.Ordinal) && l.Message.Contains("last good configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Watcher_ApplyRefuses_ReportsRejection()
    {
        // Arrange
        var path = Path.Combine(_directory, "ocelot.json");
        File.WriteAllText(path, FileWith("/first"));
        var logger = new PolicyListLogger();
        using var watcher = new OcelotFileWatcher(path, () => OcelotConfigLoader.Load(path, null), _ => [new OcelotConfigError("Aggregates[0]", "refused")], logger);

        // Act
        var accepted = watcher.ReloadNow();

        // Assert
        accepted.Should().BeFalse();
        logger.Lines.Should().Contain(l => l.Message.Contains("Aggregates[0]: refused", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ocelot.json with one route, watched; in polling mode its time is set back, so the edit's time differs.
    private async Task<WatchedFile> WatchAsync(PolicyListLogger logger, bool polling = false)
    {
        var path = Path.Combine(_directory, "ocelot.json");
        await File.WriteAllTextAsync(path, FileWith("/first"), Ct);
        if (polling)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        }

        var applied = new List<OcelotConfiguration>();
        var watcher = new OcelotFileWatcher(path, () => OcelotConfigLoader.Load(path, null), c => { applied.Add(c); return []; }, logger, polling);
        return new WatchedFile(path, applied, watcher);
    }

    private sealed class WatchedFile(string path, List<OcelotConfiguration> applied, OcelotFileWatcher watcher) : IDisposable
    {
        public List<OcelotConfiguration> Applied { get; } = applied;

        /// <summary>Writes the file and waits for the watcher's verdict (true: applied).</summary>
        public async Task<bool> EditAsync(string text)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            watcher.Reloaded += accepted => done.TrySetResult(accepted);
            await File.WriteAllTextAsync(path, text, Ct);
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        public void Dispose() => watcher.Dispose();
    }

    private static string FileWith(string upstream) => $$"""
        {
          "Routes": [
            {
              "UpstreamPathTemplate": "{{upstream}}", "Priority": 1,
              "DownstreamPathTemplate": "/", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 9001 } ]
            }
          ]
        }
        """;
}
