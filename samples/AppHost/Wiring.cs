using System.Globalization;

namespace Samples.AppHost;

/// <summary>What the AppHost adds to the samples' own configuration, through environment variables only.</summary>
public static class Wiring
{
    /// <summary>The sample listens where the AppHost says ("urls" outranks the sample's appsettings.json), shown as links in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> ListeningOn(this IResourceBuilder<ProjectResource> sample, params string[] urls)
    {
        sample.WithEnvironment("urls", string.Join(';', urls));
        foreach (var url in urls)
        {
            sample.WithUrl(url);
        }

        return sample;
    }

    /// <summary>The sample's admin address (Admin:Urls), with its /metrics as a link in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> WithAdmin(this IResourceBuilder<ProjectResource> sample, string admin) => sample
        .WithEnvironment("Admin__Urls", admin)
        .WithUrl(admin + "/metrics", "metrics");

    /// <summary>
    /// A route in 02's "ReverseProxy" section: /chain/{rest} loses its prefix and goes to
    /// 03's round-robin cluster, so one request crosses the reverse proxy and the balancer.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithChainRoute(this IResourceBuilder<ProjectResource> reverseProxy, string loadBalancer) => reverseProxy
        .WithEnvironment("ReverseProxy__Routes__chain__ClusterId", "chain")
        .WithEnvironment("ReverseProxy__Routes__chain__Match__Path", SampleAddresses.ChainPath + "{**rest}")
        .WithEnvironment("ReverseProxy__Routes__chain__Transforms__0__PathRemovePrefix", SampleAddresses.ChainPath.TrimEnd('/'))
        .WithEnvironment("ReverseProxy__Clusters__chain__Destinations__load-balancing__Address", loadBalancer + "/round-robin/");

    /// <summary>
    /// redis-server as an executable resource when it is on the PATH, and 05's Gateway:Redis pointed at it;
    /// without it 05 keeps its limits and cached answers in memory and its log says so.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRedisWhenInstalled(this IResourceBuilder<ProjectResource> gateway, IDistributedApplicationBuilder builder, int port)
    {
        if (FindOnPath("redis-server") is not { } redisServer)
        {
            return gateway.WithEnvironment("Gateway__Redis", "");
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        var redis = builder.AddExecutable("redis", redisServer, Path.GetTempPath(),
            "--bind", "127.0.0.1", "--port", portText, "--save", "", "--appendonly", "no");
        return gateway
            .WithEnvironment("Gateway__Redis", "127.0.0.1:" + portText)
            .WaitFor(redis);
    }

    /// <summary>The full path of a program on the PATH, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
