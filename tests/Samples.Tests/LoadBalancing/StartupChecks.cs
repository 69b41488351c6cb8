using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

/// <summary>Starts the sample as its own process with extra arguments, to see the exit code and the one stderr line.</summary>
public static class StartupChecks
{
    public static Task<ClientRun> RunAsync(params string[] arguments) =>
        SampleProcess.RunAsync(typeof(LoadBalancingApp), "03-load-balancing", ["--urls", "http://127.0.0.1:0", .. arguments], Ct);

    /// <summary>The run ended as bad configuration does: exit code 2 and one stderr line; that line is returned.</summary>
    public static string RefusedLine(this ClientRun run)
    {
        run.ExitCode.Should().Be(2, run.StdOut + run.StdErr);
        return run.StdErr.Trim().Split('\n').Should().ContainSingle("the problem is one line, not a stack trace").Which;
    }
}
