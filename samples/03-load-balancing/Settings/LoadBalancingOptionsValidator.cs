using System.Globalization;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;

namespace Samples.LoadBalancing.Settings;

/// <summary>
/// Checks the "LoadBalancing" section when the sample starts, so that a bad
/// value stops it with one line naming the full key. (A value that is not even
/// of the right type, "yes please" for a switch, is refused by the binder, which
/// names the key too.)
/// </summary>
public sealed class LoadBalancingOptionsValidator : IValidateOptions<LoadBalancingOptions>, IValidateOptions<TransportFailureRateHealthPolicyOptions>
{
    /// <summary>Where YARP's passive-check tuning lives in this sample's configuration.</summary>
    public const string TransportFailureRateSection = LoadBalancingOptions.Section + ":TransportFailureRate";

    public ValidateOptionsResult Validate(string? name, LoadBalancingOptions options) =>
        options.MaxRetryBodyBytes is < 0 or > LoadBalancingOptions.MaxRetryBodyBytesLimit
            ? ValidateOptionsResult.Fail(Failure(
                $"{LoadBalancingOptions.Section}:{nameof(options.MaxRetryBodyBytes)}",
                options.MaxRetryBodyBytes.ToString(CultureInfo.InvariantCulture),
                $"a byte count from 0 to {LoadBalancingOptions.MaxRetryBodyBytesLimit}"))
            : ValidateOptionsResult.Success;

    // YARP reads its passive check's window from these options; the sample binds them from its own section.
    public ValidateOptionsResult Validate(string? name, TransportFailureRateHealthPolicyOptions options)
    {
        var failures = new List<string>();
        if (options.DetectionWindowSize <= TimeSpan.Zero)
        {
            failures.Add(Failure(
                $"{TransportFailureRateSection}:{nameof(options.DetectionWindowSize)}",
                options.DetectionWindowSize.ToString("c", CultureInfo.InvariantCulture),
                "a positive time span such as 00:00:10"));
        }

        if (options.MinimalTotalCountThreshold < 1)
        {
            failures.Add(Failure(
                $"{TransportFailureRateSection}:{nameof(options.MinimalTotalCountThreshold)}",
                options.MinimalTotalCountThreshold.ToString(CultureInfo.InvariantCulture),
                "a whole number of at least 1"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Failure(string key, string value, string expected) => $"{key}: '{value}' is not {expected}";
}
