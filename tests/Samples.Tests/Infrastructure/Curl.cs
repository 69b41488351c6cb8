namespace Samples.Tests.Infrastructure;

/// <summary>
/// The real curl, run as the READMEs run it: -sS (no progress meter, errors
/// still shown) and at most ten seconds a run. <see cref="Require"/> skips the
/// test when curl is not installed, or fails it under CI, as
/// <see cref="RealClient.Require"/> does for every real client.
/// </summary>
public sealed class Curl
{
    private readonly string _path;

    private Curl(string path) => _path = path;

    public static Curl Require() => new(RealClient.Require("curl", "curl"));

    /// <summary>One curl process with <paramref name="arguments"/> after -sS --max-time 10, stopped with the test.</summary>
    public Task<ClientRun> RunAsync(params string[] arguments) =>
        RealClient.RunAsync(_path, ["-sS", "--max-time", "10", .. arguments], cancellationToken: Ct);
}
