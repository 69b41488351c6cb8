using Microsoft.Extensions.Logging;
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
        var path = Path.Combine(_directory, "ocelot.json");
        await File.WriteAllTextAsync(path, FileWith("/first"), TestContext.Current.CancellationToken);
        var applied = new List<OcelotConfiguration>();
        var logger = new PolicyListLogger();
        using var watcher = new OcelotFileWatcher(path, () => OcelotConfigLoader.Load(path, null), c => { applied.Add(c); return []; }, logger);
        var reloaded = NextReload(watcher);

        // Act
        await File.WriteAllTextAsync(path, FileWith("/second"), TestContext.Current.CancellationToken);
        var accepted = await reloaded.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Assert
        accepted.Should().BeTrue();
        applied.Should().ContainSingle().Which.Routes[0].UpstreamPathTemplate.Should().Be("/second");
        logger.Lines.Should().Contain(l => l.Level == LogLevel.Information && l.Message.Contains("reloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watcher_PollingMode_SeesTheEditToo()
    {
        // Arrange
        var path = Path.Combine(_directory, "ocelot.json");
        await File.WriteAllTextAsync(path, FileWith("/first"), TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        var applied = new List<OcelotConfiguration>();
        using var watcher = new OcelotFileWatcher(path, () => OcelotConfigLoader.Load(path, null), c => { applied.Add(c); return []; }, new PolicyListLogger(), polling: true);
        var reloaded = NextReload(watcher);

        // Act
        await File.WriteAllTextAsync(path, FileWith("/polled"), TestContext.Current.CancellationToken);
        var accepted = await reloaded.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Assert
        accepted.Should().BeTrue();
        applied.Should().ContainSingle().Which.Routes[0].UpstreamPathTemplate.Should().Be("/polled");
    }

    [Fact]
    public async Task Watcher_BrokenEdit_RejectedWithALogLineAndNothingApplied()
    {
        // Arrange
        var path = Path.Combine(_directory, "ocelot.json");
        await File.WriteAllTextAsync(path, FileWith("/first"), TestContext.Current.CancellationToken);
        var applied = new List<OcelotConfiguration>();
        var logger = new PolicyListLogger();
        using var watcher = new OcelotFileWatcher(path, () => OcelotConfigLoader.Load(path, null), c => { applied.Add(c); return []; }, logger);
        var reloaded = NextReload(watcher);

        // Act: an unknown key, which the loader refuses.
        await File.WriteAllTextAsync(path, FileWith("/second").Replace("\"Priority\"", "\"Prioritee\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var accepted = await reloaded.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Assert
        accepted.Should().BeFalse();
        applied.Should().BeEmpty();
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

    private static Task<bool> NextReload(OcelotFileWatcher watcher)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Reloaded += accepted => done.TrySetResult(accepted);
        return done.Task;
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
