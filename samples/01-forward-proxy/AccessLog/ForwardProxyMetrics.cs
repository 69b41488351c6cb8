using System.Diagnostics.Metrics;

namespace Samples.ForwardProxy;

/// <summary>
/// The forward proxy's own numbers, beside its access log: requests the filter
/// blocked, by the rule that matched, and the CONNECT tunnels open now. They
/// reach Prometheus at /metrics on the admin address (meter
/// <c>Samples.ForwardProxy</c>); the cache's results are counted for every
/// sample from its Cache-Status header.
/// </summary>
public sealed class ForwardProxyMetrics
{
    public const string MeterName = "Samples.ForwardProxy";

    private readonly Counter<long> _filterBlocks;
    private readonly UpDownCounter<long> _tunnelsOpen;

    public ForwardProxyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _filterBlocks = meter.CreateCounter<long>("samples.forward_proxy.filter_blocks", "{request}", "Requests and tunnels refused by the content filter, by rule");
        _tunnelsOpen = meter.CreateUpDownCounter<long>("samples.forward_proxy.tunnels_open", "{tunnel}", "CONNECT tunnels open now, plain or inspected");
    }

    /// <summary>Counts what one access-log line says the filter did.</summary>
    public void Count(AccessLogEntry entry)
    {
        if (entry.FilterRule is { } rule)
        {
            _filterBlocks.Add(1, new KeyValuePair<string, object?>("rule", rule));
        }
    }

    /// <summary>One more tunnel open until the returned handle is disposed.</summary>
    public IDisposable TunnelOpen()
    {
        _tunnelsOpen.Add(1);
        return new Closing(_tunnelsOpen);
    }

    private sealed class Closing(UpDownCounter<long> open) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                open.Add(-1);
            }
        }
    }
}
