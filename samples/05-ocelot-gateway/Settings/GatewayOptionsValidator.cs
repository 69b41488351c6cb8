using System.Text;
using Microsoft.Extensions.Options;
using Samples.OcelotGateway.Scaling;

namespace Samples.OcelotGateway.Settings;

/// <summary>
/// Checks the Gateway section when the gateway starts; every failure names
/// its full key, and the scaffolding prints them on one line.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Jwt.Issuer))
        {
            failures.Add("Gateway:Jwt:Issuer: required (the iss every token must carry)");
        }

        if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
        {
            failures.Add("Gateway:Jwt:Audience: required (the aud every token must carry)");
        }

        if (string.IsNullOrEmpty(options.Jwt.SigningKey) || Encoding.UTF8.GetByteCount(options.Jwt.SigningKey) < 32)
        {
            failures.Add("Gateway:Jwt:SigningKey: needs at least 32 bytes (HS256 signs with a 256-bit key)");
        }

        if (options.Instances is not (1 or 2))
        {
            failures.Add($"Gateway:Instances: '{options.Instances}' is not 1 or 2");
        }

        if (options.Redis is { Length: > 0 } redis)
        {
            try
            {
                RedisConnection.ParseOptions(redis);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Gateway:Redis: not a StackExchange.Redis connection string: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
