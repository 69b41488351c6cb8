using Microsoft.Extensions.Options;
using Samples.Scaffolding;
using Samples.SslTermination;

var builder = Sample.CreateBuilder(args);

// 1. Settings: the Tls section, paths made absolute against the sample's folder and
//    checked before anything listens (a wrong path is one line naming its key).
builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section)
    .PostConfigure<IHostEnvironment>((tls, environment) => tls.ResolvePaths(environment.ContentRootPath))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();

// 2. Listeners (Listeners/): every address comes from "urls"; each https:// one terminates
//    TLS 1.2/1.3 with h2 and http/1.1 by ALPN, each http:// one only redirects, and
//    Tls:MutualTlsUrl is added last as the one listener that asks for client certificates.
builder.Services.AddTlsListeners();

// 3. The server certificate (Certificates/): your PEM pair or a self-signed one made once,
//    handed out per handshake so that replaced files reach new connections.
builder.Services.AddServerCertificate();

// 4. Who may use the mutual-TLS listener (Trust/): certificates signed by Tls:ClientCaPath.
builder.Services.AddClientCaTrust();

// 5. HSTS (Forwarding/): HTTPS answers tell browsers to come back on HTTPS only.
builder.Services.AddHstsFromTlsOptions();

// 6. YARP forwards over plain HTTP (routes, clusters and the X-Forwarded / ClientCert
//    transforms are in appsettings.json); an https:// backend (bridging) must present a
//    certificate the machine trusts or one signed by Tls:BackendCaPath (Trust/).
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .ValidateBackendsAgainstBackendCa();

var app = builder.Build();

// 7. Plain HTTP answers 308 to the same path and query on the first HTTPS address (Listeners/).
app.UseRedirectToHttps();

// 8. From here on every request came over TLS: its answer carries Strict-Transport-Security.
app.UseHsts();

// 9. The proxy answers its own health endpoint; everything else goes to a backend,
//    with one access-log line per request that also says how the client connected.
app.MapGet("/healthz", HealthAnswer.Up);
app.MapReverseProxy(proxy =>
{
    proxy.UseAccessLog();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

return await app.RunSampleAsync(new SslTerminationDemo());
