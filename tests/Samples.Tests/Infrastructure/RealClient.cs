namespace Samples.Tests.Infrastructure;

/// <summary>What a real client process printed.</summary>
public sealed record ClientRun(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Finds and runs real clients (curl, openssl, chromium). When one is missing
/// the test is skipped with the package to install; under CI (the CI
/// environment variable is set) a missing client fails the test instead.
/// </summary>
public static class RealClient
{
    private static readonly string[] SearchPath =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries);

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The full path of <paramref name="program"/>; skips (or fails in CI) when it is not installed.</summary>
    public static string Require(string program, string debianPackage)
    {
        var found = Find(program);
        if (found is not null)
        {
            return found;
        }

        var message = $"{program} is not installed: apt-get install {debianPackage}";
        if (InCi)
        {
            Assert.Fail(message + " (.ci/run installs it; CI never skips a real-client test)");
        }

        Assert.Skip(message);
        return string.Empty;
    }

    public static string? Find(string program) =>
        SearchPath.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>Runs a client to completion (killed after <paramref name="timeout"/>) and captures its output.</summary>
    public static async Task<ClientRun> RunAsync(string path, IEnumerable<string> arguments, TimeSpan? timeout = null, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Real clients must not be sent around the proxy under test by the machine's own settings.
        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return new ClientRun(process.ExitCode, await stdout, await stderr);
    }
}
