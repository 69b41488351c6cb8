using System.Diagnostics;
using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Settings;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// In a second instance started by <see cref="SecondInstance"/>: stops it
/// when the first instance's process is gone, however that one ended, so the
/// demo never leaves a gateway running on 8086 behind it.
/// </summary>
public sealed partial class FirstInstanceWatch(IOptions<GatewayOptions> options, IHostApplicationLifetime lifetime, ILogger<FirstInstanceWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FirstInstance is not { } pid)
        {
            return;
        }

        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await tick.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsRunning(pid))
            {
                LogFirstGone(logger, pid);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 5306, Level = LogLevel.Information, Message = "The first instance (process {Pid}) is gone; this second instance stops too")]
    private static partial void LogFirstGone(ILogger logger, int pid);
}
