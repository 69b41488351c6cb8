using StackExchange.Redis;

namespace Samples.OcelotGateway.Scaling;

/// <summary>
/// The gateway's one connection to Redis, opened at start-up and kept for
/// the life of the process. It never stops the gateway from starting: when
/// Redis does not answer, the instance runs on its own memory and the
/// connection keeps retrying in the background, so Redis is used again as
/// soon as it comes back.
/// </summary>
public sealed class RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger) : IHostedService, IDisposable
{
    /// <summary>What /healthz and the log say while Redis holds the shared state.</summary>
    public const string RedisMode = "redis";

    /// <summary>What they say while Redis is configured but away.</summary>
    public const string UnreachableMode = "in-memory (redis unreachable)";

    private readonly Lock _gate = new();
    private ConnectionMultiplexer? _multiplexer;
    private string? _reported;

    /// <summary>The open connection, once start-up has made it (connected or still trying).</summary>
    public IConnectionMultiplexer? Multiplexer => _multiplexer;

    /// <summary>
    /// True while Redis answers. Checked before each use, so that a request
    /// never waits on a Redis that is gone: it is served from memory instead.
    /// </summary>
    public bool IsAvailable => _multiplexer is { IsConnected: true };

    public string Mode => IsAvailable ? RedisMode : UnreachableMode;

    public string Endpoint => string.Join(",", options.EndPoints.Select(e => e.ToString()));

    /// <summary>
    /// Reads Gateway:Redis. Whatever the string says, the gateway starts even
    /// when Redis is down (abortConnect=false), commands fail at once rather
    /// than queue while it is away (so a request falls back to memory instead
    /// of waiting), and the connection retries every second.
    /// </summary>
    public static ConfigurationOptions ParseOptions(string connectionString)
    {
        var parsed = ConfigurationOptions.Parse(connectionString);
        if (parsed.EndPoints.Count == 0)
        {
            throw new ArgumentException("it names no host:port", nameof(connectionString));
        }

        parsed.AbortOnConnectFail = false;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        parsed.ReconnectRetryPolicy = new LinearRetry(1000);
        return parsed;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        _multiplexer.ConnectionFailed += (_, _) => ReportMode();
        _multiplexer.ConnectionRestored += (_, _) => ReportMode();
        ReportMode();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _multiplexer?.Dispose();

    // One log line per change of mode, however many sockets the change involves.
    private void ReportMode()
    {
        var mode = Mode;
        lock (_gate)
        {
            if (mode == _reported)
            {
                return;
            }

            _reported = mode;
        }

        if (mode == RedisMode)
        {
            ScalingLog.Shared(logger, mode, Endpoint);
        }
        else
        {
            ScalingLog.Unreachable(logger, mode, Endpoint);
        }
    }
}
