namespace Samples.OcelotGateway;

/// <summary>The gateway's log lines, source-generated so the per-request one costs no boxing or parsing.</summary>
public static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Client} {Method} {Target} -> {Status} in {ElapsedMs:0.0} ms route={Route} downstream={Downstream}")]
    public static partial void Access(ILogger logger, string client, string method, string target, int status, double elapsedMs, string route, string downstream);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{File}: {Warning}")]
    public static partial void Deprecated(ILogger logger, string file, string warning);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ocelot configuration in force: {Routes} route(s), {Aggregates} aggregate(s) from {Files}")]
    public static partial void Loaded(ILogger logger, int routes, int aggregates, string files);
}
