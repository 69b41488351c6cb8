namespace Samples.OcelotGateway.Policies;

/// <summary>The policies' log lines, source-generated so that logging on the hot path stays cheap.</summary>
public static partial class PolicyLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Aggregate part {Key} at {Target} failed: {Reason}")]
    public static partial void AggregatePartFailed(ILogger logger, string key, Uri target, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Output cache region {Region} cleared by {User}")]
    public static partial void CacheRegionCleared(ILogger logger, string region, string user);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Configuration reloaded from {Path}: {Routes} routes, {Aggregates} aggregates")]
    public static partial void ConfigurationReloaded(ILogger logger, string path, int routes, int aggregates);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "Configuration edit in {Path} rejected, the last good configuration stays in force: {Errors}")]
    public static partial void ConfigurationRejected(ILogger logger, string path, string errors);
}
