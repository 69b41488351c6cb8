namespace Samples.OcelotGateway.Scaling;

/// <summary>The scale-out's log lines: which state store is in force, and every change of it.</summary>
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

    [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Second gateway instance started at {Url} (process {Pid})")]
    public static partial void SecondStarted(ILogger logger, string url, int pid);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Information, Message = "The first instance (process {Pid}) is gone; this second instance stops too")]
    public static partial void FirstGone(ILogger logger, int pid);
}
