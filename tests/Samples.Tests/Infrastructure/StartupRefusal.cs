namespace Samples.Tests.Infrastructure;

/// <summary>How a sample refuses a bad configuration: exit code 2 and one line on stderr naming the key.</summary>
public static class StartupRefusal
{
    /// <summary>Asserts the run ended as bad configuration does (exit code 2, one stderr line, no stack trace) and returns that line.</summary>
    public static string RefusedLine(this ClientRun run)
    {
        run.ExitCode.Should().Be(2, run.StdOut + run.StdErr);
        return run.StdErr.Trim().Split('\n').Should().ContainSingle("the problem is one line, not a stack trace").Which;
    }
}
