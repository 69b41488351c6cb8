namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Runs a PAC file's FindProxyForURL in Node.js, for many hosts at once, with the one
/// PAC helper the sample's script calls (dnsDomainIs, as Netscape's PAC
/// specification defines it). Needs node (apt-get install nodejs); CI installs it.
/// </summary>
public static class PacScript
{
    /// <summary>What the script answers for each host, in order ("DIRECT", "PROXY host:port").</summary>
    public static async Task<IReadOnlyList<string>> AnswersAsync(string script, IEnumerable<string> hosts, CancellationToken cancellationToken)
    {
        var node = RealClient.Require("node", "nodejs");
        var program = $$"""
            function dnsDomainIs(host, domain) { return host.length >= domain.length && host.substring(host.length - domain.length) == domain; }
            {{script}}
            const hosts = require("fs").readFileSync(0, "utf8").split("\n").filter(h => h.length > 0);
            for (const host of hosts) console.log(FindProxyForURL("http://" + host + "/", host));
            """;
        var file = Path.Combine(Path.GetTempPath(), $"samples-pac-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, program, cancellationToken);
        try
        {
            var run = await RealClient.RunAsync(node, [file], stdin: string.Join('\n', hosts) + "\n", cancellationToken: cancellationToken);
            run.ExitCode.Should().Be(0, "the PAC file is valid JavaScript (node said: {0})", run.StdErr);
            return run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
