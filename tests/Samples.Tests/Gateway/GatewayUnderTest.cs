using Samples.OcelotGateway;

namespace Samples.Tests.Gateway;

/// <summary>
/// The gateway booted on Kestrel (port 0) with an ocelot.json written for the
/// test (usually routing to WireMock backends), and the JWT settings tests sign
/// their own tokens with.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    public const string Issuer = "test-issuer";
    public const string Audience = "test-audience";
    public const string SigningKey = "test-signing-key-of-at-least-32-bytes!";

    private readonly DirectoryInfo _folder;

    private GatewayUnderTest(SampleHost<GatewayApp> host, DirectoryInfo folder, string configFile)
    {
        Host = host;
        _folder = folder;
        ConfigFile = configFile;
    }

    public SampleHost<GatewayApp> Host { get; }

    public string ConfigFile { get; }

    /// <summary>The clock the gateway runs on, when started with <see cref="StartWithFakeTime"/>.</summary>
    public FakeTimeProvider Time { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Starts the gateway with <paramref name="ocelotJson"/> as its Ocelot file.</summary>
    public static GatewayUnderTest Start(string ocelotJson, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("gateway-test-");
        var file = Path.Combine(folder.FullName, "ocelot.json");
        File.WriteAllText(file, ocelotJson);
        var all = new Dictionary<string, string?>
        {
            ["Gateway:ConfigFile"] = file,
            ["Gateway:Jwt:Issuer"] = Issuer,
            ["Gateway:Jwt:Audience"] = Audience,
            ["Gateway:Jwt:SigningKey"] = SigningKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        try
        {
            return new GatewayUnderTest(SampleHost<GatewayApp>.Start(all, HostMode.Kestrel, services: services), folder, file);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Starts the gateway on a <see cref="FakeTimeProvider"/> (<see cref="Time"/>), so windows and TTLs pass without sleeping.</summary>
    public static GatewayUnderTest StartWithFakeTime(string ocelotJson)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gateway = Start(ocelotJson, services: s => s.AddSingleton<TimeProvider>(time));
        gateway.Time = time;
        return gateway;
    }

    /// <summary>An Ocelot file with these routes (JSON objects, comma-separated) and optional GlobalConfiguration body.</summary>
    public static string Ocelot(string routes, string? global = null) =>
        $$"""{ "Routes": [ {{routes}} ]{{(global is null ? string.Empty : $", \"GlobalConfiguration\": {{{global}}}")}} }""";

    /// <summary>Starts the gateway with an Ocelot file of these routes (see <see cref="Route"/>).</summary>
    public static GatewayUnderTest StartRoutes(params string[] routes) => Start(Ocelot(string.Join(", ", routes)));

    /// <summary>One Ocelot route from <paramref name="upstream"/> to <paramref name="downstream"/> on a WireMock backend.</summary>
    public static string Route(string upstream, string downstream, WireMockBackend backend, int? priority = null, string? upstreamHost = null)
    {
        var extra = (priority is { } p ? $", \"Priority\": {p}" : string.Empty) + (upstreamHost is null ? string.Empty : $", \"UpstreamHost\": \"{upstreamHost}\"");
        return $$"""{ "UpstreamPathTemplate": "{{upstream}}"{{extra}}, "DownstreamPathTemplate": "{{downstream}}", "DownstreamHostAndPorts": [ {{HostAndPort(backend)}} ] }""";
    }

    /// <summary>A DownstreamHostAndPorts entry for a WireMock backend.</summary>
    public static string HostAndPort(WireMockBackend backend) => $$"""{ "Host": "127.0.0.1", "Port": {{backend.Port}} }""";

    public HttpClient CreateClient() => Host.CreateClient();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
