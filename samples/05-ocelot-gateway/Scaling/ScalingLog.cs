namespace Samples.OcelotGateway.Scaling;

/// <summary>The state store's log lines: which store is in force, and every fall-back from Redis to memory.</summary>
public static partial class ScalingLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "State store: {Mode} ({Endpoint}); rate-limit counters and cached answers are shared with every instance using it")]
    public static partial void Shared(ILogger logger, string mode, string endpoint);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "State store: {Mode}: Redis at {Endpoint} does not answer; this instance counts and caches alone until it returns")]
    public static partial void Unreachable(ILogger logger, string mode, string endpoint);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "State store: {Mode}: every instance counts and caches alone (set Gateway:Redis to share)")]
    public static partial void Local(ILogger logger, string mode);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Redis call failed ({Operation}), answered from this instance's memory: {Reason}")]
    public static partial void FellBack(ILogger logger, string operation, string reason);
}
