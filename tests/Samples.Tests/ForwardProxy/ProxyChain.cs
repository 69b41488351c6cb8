using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Two copies of sample 01 chained: the child (the one clients use) with
/// ForwardProxy:Upstream:Address pointing at the parent. Each copy takes its own
/// settings; disposing the chain stops both.
/// </summary>
internal sealed class ProxyChain : IAsyncDisposable
{
    private ProxyChain(SampleHost<ForwardProxyApp> parent, SampleHost<ForwardProxyApp> child)
    {
        Parent = parent;
        Child = child;
    }

    public SampleHost<ForwardProxyApp> Parent { get; }

    public SampleHost<ForwardProxyApp> Child { get; }

    /// <summary>host:port of the parent, as the child's errors and log name it.</summary>
    public string ParentAuthority => Parent.BaseAddress.Authority;

    public static ProxyChain Start(Dictionary<string, string?>? parentSettings = null, Dictionary<string, string?>? childSettings = null)
    {
        var parent = SampleHost<ForwardProxyApp>.Start(parentSettings);
        var settings = new Dictionary<string, string?>(childSettings ?? [])
        {
            ["ForwardProxy:Upstream:Address"] = $"http://{parent.BaseAddress.Authority}",
        };
        return new ProxyChain(parent, SampleHost<ForwardProxyApp>.Start(settings));
    }

    /// <summary>Settings that let both proxies open tunnels to <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> ConnectPort(int port) =>
        new() { ["ForwardProxy:AllowedConnectPorts:0"] = port.ToString(CultureInfo.InvariantCulture) };

    /// <summary>
    /// The proxy's access-log entries once one matches <paramref name="match"/> (or after five
    /// seconds): a line is written as a request unwinds, or when a tunnel ends.
    /// </summary>
    public static async Task<IReadOnlyList<AccessLogEntry>> LogOnceAsync(SampleHost<ForwardProxyApp> proxy, Func<AccessLogEntry, bool> match, CancellationToken cancellationToken)
    {
        var log = proxy.Services.GetRequiredService<AccessLog>();
        for (var i = 0; i < 50 && !log.Recent.Any(match); i++)
        {
            await Task.Delay(100, cancellationToken);
        }

        return log.Recent;
    }

    public async ValueTask DisposeAsync()
    {
        await Child.DisposeAsync();
        await Parent.DisposeAsync();
    }
}
