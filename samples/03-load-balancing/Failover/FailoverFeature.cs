namespace Samples.LoadBalancing.Failover;

/// <summary>What the access log needs to know about a failover that happened on this request.</summary>
public sealed record FailoverFeature(string FailedDestination, string Reason);
