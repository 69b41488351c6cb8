namespace Samples.LoadBalancing;

/// <summary>
/// The sample's public, namespaced entry type: tests boot this sample with
/// WebApplicationFactory&lt;LoadBalancingApp&gt; (every top-level program has a global
/// Program class, so five samples could not share that name).
/// </summary>
public sealed class LoadBalancingApp;
