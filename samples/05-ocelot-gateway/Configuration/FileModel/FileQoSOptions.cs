namespace Samples.OcelotGateway.Configuration.FileModel;

/// <summary>"QoSOptions", as written: times in milliseconds, 0 meaning "not set".</summary>
public sealed class FileQoSOptions : FileObject
{
    public int? Timeout { get; init; }

    /// <summary>Deprecated name of Timeout.</summary>
    public int? TimeoutValue { get; init; }

    public int? MinimumThroughput { get; init; }

    /// <summary>Deprecated name of MinimumThroughput.</summary>
    public int? ExceptionsAllowedBeforeBreaking { get; init; }

    public int? BreakDuration { get; init; }

    /// <summary>Deprecated name of BreakDuration.</summary>
    public int? DurationOfBreak { get; init; }

    public double? FailureRatio { get; init; }

    public int? SamplingDuration { get; init; }
}
