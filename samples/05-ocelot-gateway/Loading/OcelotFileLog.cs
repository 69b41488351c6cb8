namespace Samples.OcelotGateway.Loading;

/// <summary>What start-up says about the Ocelot file: one warning per deprecated or ignored key (with its JSON path), and what it put in force.</summary>
public static partial class OcelotFileLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{File}: {Warning}")]
    public static partial void FileWarning(ILogger logger, string file, string warning);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ocelot configuration in force: {Routes} route(s), {Aggregates} aggregate(s) from {Files}")]
    public static partial void Loaded(ILogger logger, int routes, int aggregates, string files);
}
