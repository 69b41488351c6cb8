using Samples.ForwardProxy;
using Samples.LoadBalancing;
using Samples.OcelotGateway;
using Samples.ReverseProxy;
using Samples.SslTermination;
using Samples.Tests.SslTermination;

namespace Samples.Tests.Hardening;

/// <summary>Any of the five samples, started on Kestrel with its defaults and no demo backends.</summary>
public sealed class SampleUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable _host;

    private SampleUnderTest(IAsyncDisposable host, Uri plainAddress, string harmlessPath)
    {
        _host = host;
        PlainAddress = plainAddress;
        HarmlessPath = harmlessPath;
    }

    public static IReadOnlyList<string> Names { get; } = ["01-forward-proxy", "02-reverse-proxy", "03-load-balancing", "04-ssl-termination", "05-ocelot-gateway"];

    /// <summary>A plain-HTTP address of the sample (for 04, the listener that redirects to HTTPS).</summary>
    public Uri PlainAddress { get; }

    /// <summary>A path the sample answers without a backend.</summary>
    public string HarmlessPath { get; }

    public static SampleUnderTest Start(string name)
    {
        switch (name)
        {
            case "01-forward-proxy":
                {
                    var h = SampleHost<ForwardProxyApp>.Start();
                    return new(h, h.BaseAddress, "/");
                }

            case "02-reverse-proxy":
                {
                    var h = SampleHost<ReverseProxyApp>.Start();
                    return new(h, h.BaseAddress, "/healthz");
                }

            case "03-load-balancing":
                {
                    var h = SampleHost<LoadBalancingApp>.Start();
                    return new(h, h.BaseAddress, "/healthz");
                }

            case "04-ssl-termination":
                {
                    // Its generated certificate in a folder of the test's own, not in the sample's .certs.
                    var h = TlsSample.Start();
                    return new(h, h.AddressFor("http"), "/healthz");
                }

            case "05-ocelot-gateway":
                {
                    var h = SampleHost<GatewayApp>.Start();
                    return new(h, h.BaseAddress, "/healthz");
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown sample");
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
