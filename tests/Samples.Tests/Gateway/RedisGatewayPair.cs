namespace Samples.Tests.Gateway;

/// <summary>
/// Two gateway instances, each its own host with its own memory, sharing
/// one real redis-server through Gateway:Redis, in front of one WireMock
/// downstream. Routes: /limited/* (Limit 3 per minute, KeyPrefix "pair"),
/// /alpha/* and /beta/* (cached a minute in regions "alpha" and "beta").
/// </summary>
public sealed class RedisGatewayPair : IAsyncDisposable
{
    public const int Limit = 3;

    private RedisGatewayPair(RedisServer redis, WireMockBackend backend, GatewayUnderTest a, GatewayUnderTest b)
    {
        Redis = redis;
        Backend = backend;
        A = a;
        B = b;
        ClientA = a.CreateClient();
        ClientB = b.CreateClient();
    }

    public RedisServer Redis { get; }

    public WireMockBackend Backend { get; }

    public GatewayUnderTest A { get; }

    public GatewayUnderTest B { get; }

    public HttpClient ClientA { get; }

    public HttpClient ClientB { get; }

    /// <summary>
    /// Starts redis-server (skips locally, fails under CI, without it) and
    /// both gateways. With <paramref name="redisDownAtStart"/>, Redis is
    /// stopped before the gateways start.
    /// </summary>
    public static async Task<RedisGatewayPair> StartAsync(CancellationToken cancellationToken, bool redisDownAtStart = false)
    {
        var redis = await RedisServer.StartAsync(cancellationToken);
        if (redisDownAtStart)
        {
            redis.Stop();
        }

        var backend = WireMockBackend.Start().Stub("/*", body: "from the downstream");
        var ocelot = GatewayUnderTest.Ocelot($$"""
            { "UpstreamPathTemplate": "/limited/{everything}", "DownstreamPathTemplate": "/limited/{everything}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "RateLimitOptions": { "EnableRateLimiting": true, "Limit": {{Limit}}, "Period": "1m", "Wait": "1m", "KeyPrefix": "pair" } },
            { "UpstreamPathTemplate": "/alpha/{everything}", "UpstreamHttpMethod": [ "GET" ], "DownstreamPathTemplate": "/alpha/{everything}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "CacheOptions": { "TtlSeconds": 60, "Region": "alpha" } },
            { "UpstreamPathTemplate": "/beta/{everything}", "UpstreamHttpMethod": [ "GET" ], "DownstreamPathTemplate": "/beta/{everything}", "DownstreamHostAndPorts": [ {{GatewayUnderTest.HostAndPort(backend)}} ],
              "CacheOptions": { "TtlSeconds": 60, "Region": "beta" } }
            """);
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Redis"] = redis.ConnectionString,
            ["Gateway:HotReload"] = "false",
        };

        GatewayUnderTest? a = null;
        try
        {
            a = GatewayUnderTest.Start(ocelot, settings: settings);
            var b = GatewayUnderTest.Start(ocelot, settings: settings);
            return new RedisGatewayPair(redis, backend, a, b);
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            backend.Dispose();
            redis.Dispose();
            throw;
        }
    }

    /// <summary>What /healthz says about the state store.</summary>
    public static async Task<string?> StateStoreAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("stateStore").GetString();
    }

    /// <summary>Polls /healthz until it reports <paramref name="mode"/>, for at most <paramref name="within"/>.</summary>
    public static async Task<bool> WaitForStateStoreAsync(HttpClient client, string mode, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await StateStoreAsync(client, cancellationToken) == mode)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Sends <paramref name="count"/> requests as <paramref name="clientId"/>, alternating A, B, A, ...; the status codes in order.</summary>
    public async Task<List<HttpStatusCode>> BurstAsync(string path, string clientId, int count, CancellationToken cancellationToken)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Oc-Client", clientId);
            using var response = await (i % 2 == 0 ? ClientA : ClientB).SendAsync(request, cancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>A GET with an admin token for the cache-clearing path.</summary>
    public static HttpRequestMessage ClearRegion(string region)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/admin/outputcache/{region}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(roles: ["admin"]));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        ClientA.Dispose();
        ClientB.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
        Backend.Dispose();
        Redis.Dispose();
    }
}

/// <summary>A test class whose every test gets a fresh pair of gateway instances on one Redis.</summary>
public abstract class RedisGatewayPairTests : IAsyncLifetime
{
    private RedisGatewayPair? _pair;

    protected RedisGatewayPair Pair => _pair!;

    public async ValueTask InitializeAsync() => _pair = await RedisGatewayPair.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        // Null when start-up skipped the test (no redis-server).
        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
