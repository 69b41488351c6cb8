using Samples.ReverseProxy.Demo;

namespace Samples.Tests.ReverseProxy;

/// <summary>The banner's commands are meant to be pasted whole into a shell, notes included.</summary>
[Trait("Concept", "ReverseProxy")]
public sealed class BannerCommandsTests
{
    [Fact]
    public async Task Commands_PastedIntoBash_EveryLineParses()
    {
        // Arrange
        var bash = RealClient.Require("bash", "bash");
        var commands = BannerCommands.For("http://127.0.0.1:8082");

        // Act: -n reads and parses each line without running it.
        var runs = new List<(string Command, ClientRun Run)>();
        foreach (var command in commands)
        {
            runs.Add((command, await RealClient.RunAsync(bash, ["-n", "-c", command], TimeSpan.FromSeconds(30), cancellationToken: Ct)));
        }

        // Assert
        commands.Should().HaveCountGreaterThanOrEqualTo(3);
        runs.Should().AllSatisfy(r => r.Run.ExitCode.Should().Be(0, $"'{r.Command}' should paste into a shell as printed ({r.Run.StdErr.Trim()})"));
    }
}
