using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Settings;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// --Gateway:Instances=2: once this gateway has started, starts the second
/// one on 8086 with the same command line (the scale-out demo), and stops it
/// with this one. Its log lines are shown prefixed with [8086], except during
/// the tour, which prints its own account.
/// </summary>
public sealed class SecondInstanceStartup(IOptions<GatewayOptions> options, IHostEnvironment environment, SampleMode mode, ILogger<SecondInstance> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private SecondInstance? _second;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Instances > 1)
        {
            _second = await SecondInstance.StartAsync(environment, CommandLineSettings(), quiet: mode.Tour, logger);
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_second is { } second)
        {
            _second = null;
            await second.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _second?.DisposeAsync() ?? ValueTask.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // This process's own arguments, without the program and without the "demo" word (the second runs no tour).
    private static string[] CommandLineSettings()
    {
        var args = Environment.GetCommandLineArgs()[1..];
        return args.Length > 0 && string.Equals(args[0], "demo", StringComparison.OrdinalIgnoreCase) ? args[1..] : args;
    }
}
