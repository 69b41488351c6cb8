using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Samples.AppHost;

/// <summary>
/// Where each sample listens: the contract's addresses (shared/CONTRACT.md) by default; the
/// "Ports" section (Ports:ForwardProxy=18081 ...) moves them, as the AppHost's tests do.
/// The AppHost hands each sample its address as its "urls" setting, and its admin address as "Admin:Urls".
/// </summary>
public sealed class SampleAddresses(IConfiguration configuration)
{
    /// <summary>Redis for the gateway's shared limits: not 6379, so it never meets a Redis you already run.</summary>
    public int RedisPort => Port("Redis", 6380);

    public string ForwardProxy => Http("ForwardProxy", 8081);

    public string ReverseProxy => Http("ReverseProxy", 8082);

    public string LoadBalancing => Http("LoadBalancing", 8083);

    public string SslTermination => $"https://127.0.0.1:{Port("SslTermination", 8443)}";

    public string SslRedirect => Http("SslRedirect", 8084);

    public string Gateway => Http("Gateway", 8085);

    /// <summary>A sample's admin address (its /metrics): the contract's 90NN; "Ports:ForwardProxyAdmin" and so on move it.</summary>
    public string Admin(string sample, int contractPort) => Http(sample + "Admin", contractPort);

    /// <summary>The chained route on 02: client → 01 → 02 → 03 → a demo backend.</summary>
    public static string ChainPath => "/chain/";

    private string Http(string name, int contractPort) => $"http://127.0.0.1:{Port(name, contractPort)}";

    private int Port(string name, int contractPort) =>
        configuration[$"Ports:{name}"] is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : contractPort;
}
