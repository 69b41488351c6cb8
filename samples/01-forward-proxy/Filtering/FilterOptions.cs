namespace Samples.ForwardProxy;

/// <summary>ForwardProxy:Filter: what the organisation has ruled out.</summary>
public sealed class FilterOptions : ISettingsSection
{
    /// <summary>Host patterns, exact (ads.example) or wildcard (*.tracker.example); plain HTTP and CONNECT.</summary>
    public SettingList BlockedHosts { get; set; } = [];

    /// <summary>Regular expressions over the absolute URL; plain HTTP only (a tunnel shows no URL).</summary>
    public SettingList BlockedUrlPatterns { get; set; } = [];

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section)
    {
        foreach (var problem in HostFilter.Problems(BlockedHosts, $"{section}:BlockedHosts"))
        {
            yield return problem;
        }

        foreach (var (key, value) in BlockedUrlPatterns.Entries($"{section}:BlockedUrlPatterns"))
        {
            string? problem = null;
            try
            {
                UrlFilter.Compile(value);
            }
            catch (ArgumentException ex)
            {
                problem = $"{key}: '{value}' is not a valid regular expression ({ex.Message})";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }
}
