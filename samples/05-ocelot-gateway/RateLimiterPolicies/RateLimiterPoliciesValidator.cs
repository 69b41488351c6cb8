using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Settings;

namespace Samples.OcelotGateway.RateLimiterPolicies;

/// <summary>
/// Checks Gateway:RateLimiterPolicies when the gateway starts: each policy
/// says which limiter it is and gives that limiter what it needs. Every
/// failure names its full key.
/// </summary>
public sealed class RateLimiterPoliciesValidator : IValidateOptions<GatewayOptions>
{
    // YARP gives these two names a meaning of their own on a route: no policy, and no limiting at all.
    private static readonly string[] Reserved = ["Default", "Disable"];

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        foreach (var (policyName, policy) in options.RateLimiterPolicies)
        {
            var key = $"{GatewayOptions.Section}:RateLimiterPolicies:{policyName}";
            if (Reserved.Contains(policyName, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}: \"{policyName}\" is a name YARP keeps for itself on routes; choose another");
                continue;
            }

            switch (policy.Type)
            {
                case null:
                    failures.Add($"{key}:Type: required ({string.Join(", ", Enum.GetNames<RateLimiterType>())})");
                    break;
                case RateLimiterType.FixedWindow:
                    AtLeastOne(failures, key, "PermitLimit", policy.PermitLimit);
                    Positive(failures, key, "Window", policy.Window);
                    break;
                case RateLimiterType.SlidingWindow:
                    AtLeastOne(failures, key, "PermitLimit", policy.PermitLimit);
                    Positive(failures, key, "Window", policy.Window);
                    AtLeastOne(failures, key, "SegmentsPerWindow", policy.SegmentsPerWindow);
                    break;
                case RateLimiterType.TokenBucket:
                    AtLeastOne(failures, key, "TokenLimit", policy.TokenLimit);
                    AtLeastOne(failures, key, "TokensPerPeriod", policy.TokensPerPeriod);
                    Positive(failures, key, "ReplenishmentPeriod", policy.ReplenishmentPeriod);
                    break;
                default:
                    AtLeastOne(failures, key, "PermitLimit", policy.PermitLimit);
                    break;
            }

            if (policy.QueueLimit < 0)
            {
                failures.Add($"{key}:QueueLimit: must not be negative, found {policy.QueueLimit}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeastOne(List<string> failures, string key, string name, int value)
    {
        if (value < 1)
        {
            failures.Add($"{key}:{name}: must be at least 1, found {value}");
        }
    }

    private static void Positive(List<string> failures, string key, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key}:{name}: must be longer than zero (a time such as \"00:00:10\"), found {value}");
        }
    }
}
