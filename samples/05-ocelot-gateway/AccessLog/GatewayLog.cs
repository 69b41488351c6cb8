namespace Samples.OcelotGateway.AccessLog;

/// <summary>The access log's line, source-generated so the per-request one costs no boxing or parsing.</summary>
public static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Client} {Method} {Target} -> {Status} in {ElapsedMs:0.0} ms route={Route} downstream={Downstream}")]
    public static partial void Access(ILogger logger, string client, string method, string target, int status, double elapsedMs, string route, string downstream);
}
