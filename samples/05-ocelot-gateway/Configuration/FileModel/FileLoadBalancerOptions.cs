namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"LoadBalancerOptions", as written (Expiry in milliseconds).</summary>
public sealed class FileLoadBalancerOptions : FileObject
{
    public string? Type { get; init; }

    public string? Key { get; init; }

    public int? Expiry { get; init; }
}
