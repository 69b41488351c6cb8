namespace Samples.LoadBalancing.Demo;

/// <summary>The demo's own key in the "DemoBackends" section (Enabled is the scaffolding's).</summary>
public sealed class DemoFleetOptions
{
    public const string Section = "DemoBackends";

    /// <summary>How much slower gamma answers, so that load-aware policies have something to avoid.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(30);
}
