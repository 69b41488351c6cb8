namespace Samples.LoadBalancing.Policies;

/// <summary>
/// The part of YARP's "ReverseProxy" section that the balancing policies give
/// meaning to: each cluster's policy name and its destinations' metadata (where
/// weights live). Bound only to be checked at start; YARP itself reads the whole
/// section, and reads it again when it changes.
/// </summary>
public sealed class ClusterPolicies
{
    public const string Section = "ReverseProxy";

    public Dictionary<string, ClusterPolicy> Clusters { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One cluster, as far as its policy is concerned.</summary>
public sealed class ClusterPolicy
{
    public string? LoadBalancingPolicy { get; set; }

    public Dictionary<string, DestinationMetadata> Destinations { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One destination's metadata (for example its "Weight").</summary>
public sealed class DestinationMetadata
{
    public Dictionary<string, string?> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);
}
