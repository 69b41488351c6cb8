using Samples.LoadBalancing;

namespace Samples.Tests.LoadBalancing;

/// <summary>Starts the sample as its own process with extra arguments, to see the exit code and the one stderr line (<see cref="StartupRefusal"/>).</summary>
public static class StartupChecks
{
    public static Task<ClientRun> RunAsync(params string[] arguments) =>
        SampleProcess.RunAsync(typeof(LoadBalancingApp), "03-load-balancing", ["--urls", "http://127.0.0.1:0", .. arguments], Ct);
}
