namespace Samples.OcelotGateway.Demo;

/// <summary>
/// The curl commands the banner prints, built on the address the gateway
/// really listens on (so they still work after --urls), and without the
/// demo token when the demo backends (and so /demo/token) are off.
/// </summary>
public static class TryCommands
{
    public static IReadOnlyList<string> For(Uri gateway, bool demoBackends)
    {
        var root = gateway.GetLeftPart(UriPartial.Authority);
        List<string> commands =
        [
            $"curl -i {root}/catalog/books/42",
            $"curl -i {root}/account/profile    # 401 without a token",
        ];
        if (demoBackends)
        {
            commands.Add($"TOKEN=$(curl -s -X POST {root}/demo/token -H 'Content-Type: application/json' -d '{{\"user\":\"alice\",\"role\":\"admin\"}}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
            commands.Add($"curl -i -H \"Authorization: Bearer $TOKEN\" {root}/reports/sales");
        }

        return commands;
    }
}
