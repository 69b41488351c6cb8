using Yarp.ReverseProxy.Forwarder;

namespace Samples.SslTermination;

public static class TrustExtensions
{
    /// <summary>Who may use the mutual-TLS listener: client certificates signed by Tls:ClientCaPath.</summary>
    public static IServiceCollection AddClientCaTrust(this IServiceCollection services) => services.AddSingleton<ClientCaTrust>();

    /// <summary>https:// backends are checked against the machine's trust store plus Tls:BackendCaPath, never "accept anything".</summary>
    public static IReverseProxyBuilder ValidateBackendsAgainstBackendCa(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddSingleton<BackendCaTrust>();
        proxy.Services.AddSingleton<IForwarderHttpClientFactory, BackendTlsHttpClientFactory>();
        return proxy;
    }
}
