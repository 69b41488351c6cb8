using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Samples.ForwardProxy;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// The smallest forward proxy the cache can sit in, for testing the cache on
/// its own: Kestrel on a free loopback port takes absolute-form requests,
/// sets the ProxyRequestFeature from the request target as the sample does,
/// runs the cache, and forwards with YARP's IHttpForwarder to the target.
/// Time is a FakeTimeProvider the test moves.
/// </summary>
public sealed class CacheTestProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _originClient;
    private readonly List<HttpResponseMessage> _responses = [];
    private readonly List<WireMockBackend> _origins = [];
    private HttpClient? _client;

    private CacheTestProxy(WebApplication app, HttpMessageInvoker originClient, FakeTimeProvider time, Uri address)
    {
        _app = app;
        _originClient = originClient;
        Time = time;
        Address = address;
    }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts the proxy; <paramref name="cache"/> are ForwardProxy:Cache keys without the prefix ("MaxEntries" = "2"),
    /// and <paramref name="logs"/>, when given, receives everything the cache logs, Debug included.
    /// </summary>
    public static async Task<CacheTestProxy> StartAsync(IDictionary<string, string?>? cache = null, LogCapture? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            // A rule for this provider alone, since the sample's appsettings.json (copied beside the tests) sets Information.
            builder.Logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Debug);
        }

        builder.Configuration.AddInMemoryCollection(
            (cache ?? new Dictionary<string, string?>()).Select(kv => KeyValuePair.Create("ForwardProxy:Cache:" + kv.Key, kv.Value)));

        // The origin's Date is the real clock's (Kestrel writes it). Starting the fake
        // clock an hour behind makes the response's apparent age (arrival minus Date)
        // zero, so that Age on a hit is exactly the time the test advanced.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddHttpForwarder();
        builder.Services.AddForwardProxyOptions().AddForwardProxyCache();

        var app = builder.Build();
        var originClient = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        });

        // What the sample's first step does: an absolute-form target makes this a proxied request.
        app.Use((context, next) =>
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            if (Uri.TryCreate(rawTarget, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttp)
            {
                context.Features.Set(new ProxyRequestFeature(target));
            }

            return next(context);
        });
        app.UseForwardProxyCache();
        app.Run(async context =>
        {
            var proxy = context.Features.Get<ProxyRequestFeature>();
            if (proxy is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            await forwarder.SendAsync(context, proxy.Target.GetLeftPart(UriPartial.Authority), originClient, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CacheTestProxy(app, originClient, time, new Uri(address));
    }

    /// <summary>A client that sends every request through this proxy, loopback included.</summary>
    public HttpClient CreateClient() => new(
        new SocketsHttpHandler
        {
            Proxy = new WebProxy(Address) { BypassProxyOnLocal = false },
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
        },
        disposeHandler: true)
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Starts a WireMock origin that answers <paramref name="method"/> requests to <paramref name="path"/> as given (disposed with the
    /// proxy), and gives back the origin and the absolute URL to ask this proxy for.
    /// </summary>
    public (WireMockBackend Origin, Uri Target) StartOrigin(string path, int status = 200, string body = "", IDictionary<string, string>? headers = null, string method = "GET")
    {
        var origin = WireMockBackend.Start().Stub(path, status, body, headers, method);
        _origins.Add(origin);
        return (origin, new Uri(origin.Url, path));
    }

    /// <summary>
    /// <see cref="StartOrigin"/>, then one GET of the target through this proxy, so that whatever the cache
    /// keeps of the answer is there before the test's own requests.
    /// </summary>
    public async Task<(WireMockBackend Origin, Uri Target)> StartOriginAndFetchOnceAsync(string path, int status = 200, string body = "", IDictionary<string, string>? headers = null)
    {
        var (origin, target) = StartOrigin(path, status, body, headers);
        await FetchAsync(target);
        return (origin, target);
    }

    /// <summary>Sends a request through this proxy (a client made on first use) and reads the whole answer; disposed with the proxy.</summary>
    public async Task<HttpResponseMessage> FetchAsync(HttpMethod method, Uri target, params (string Name, string Value)[] headers)
    {
        _client ??= CreateClient();
        var response = await _client.FetchAsync(method, target, headers);
        _responses.Add(response);
        return response;
    }

    /// <summary>A GET through this proxy; see <see cref="FetchAsync(HttpMethod, Uri, ValueTuple{string, string}[])"/>.</summary>
    public Task<HttpResponseMessage> FetchAsync(Uri target, params (string Name, string Value)[] headers) =>
        FetchAsync(HttpMethod.Get, target, headers);

    /// <summary>The same GET twice, one after the other: what a cache test mostly asks.</summary>
    public async Task<(HttpResponseMessage First, HttpResponseMessage Second)> FetchTwiceAsync(Uri target, params (string Name, string Value)[] headers) =>
        (await FetchAsync(target, headers), await FetchAsync(target, headers));

    public async ValueTask DisposeAsync()
    {
        _responses.ForEach(r => r.Dispose());
        _client?.Dispose();
        _origins.ForEach(o => o.Dispose());
        await _app.StopAsync();
        await _app.DisposeAsync();
        _originClient.Dispose();
    }
}
