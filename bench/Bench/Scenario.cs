namespace Samples.Bench;

/// <summary>
/// One thing to load: the URL wrk hits, the process whose CPU and memory are
/// charged to it, and what it is compared with (the anchor doing the same job,
/// and the bare YARP proxy for the samples).
/// </summary>
public sealed record Scenario(
    string Name,
    string Job,
    string Url,
    ServerProcess Measured,
    string? Script = null,
    string? Anchor = null,
    string? Bare = null,
    string? Warmup = null);

/// <summary>What one scenario measured in one round.</summary>
public sealed record Sample(WrkResult Wrk, double CpuMicrosPerRequest, double OtherCores);
