using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// The "ForwardProxy" section bound and checked as the sample does at start-up,
/// without starting a sample: the options it ends with, or the one stderr line
/// a mistake ends in.
/// </summary>
internal static class ForwardProxySettings
{
    /// <summary>The options for these configuration keys ("ForwardProxy:Anonymity" = "Elite").</summary>
    public static ForwardProxyOptions Bind(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddForwardProxyOptions()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<ForwardProxyOptions>>().Value;
    }

    /// <summary>The line the sample would print on stderr for these keys, or null when they are fine.</summary>
    public static string? StartupError(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        try
        {
            Bind(settings);
            return null;
        }
        catch (Exception ex) when (StartupErrors.Describe(ex) is var (line, _))
        {
            return line;
        }
    }
}
