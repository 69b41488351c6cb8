namespace Samples.Tests.Infrastructure;

/// <summary>
/// Runs a sample's built dll as its own process (as `dotnet run` would, but
/// without building), with its source folder as content root and demo backends
/// off: for what only a real process shows, such as an exit code and stderr.
/// </summary>
public static class SampleProcess
{
    public static async Task<ClientRun> RunAsync(Type entry, string folder, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var dotnet = RealClient.Require("dotnet", "dotnet-sdk-10.0");
        return await RealClient.RunAsync(
            dotnet,
            [entry.Assembly.Location, "--contentRoot", SampleFolders.Of(folder), "--DemoBackends:Enabled=false", "--Admin:Urls=http://127.0.0.1:0", .. arguments],
            TimeSpan.FromSeconds(60),
            cancellationToken: cancellationToken);
    }

    /// <summary>Runs a sample's scripted tour (`dotnet run -- demo`), demo backends and all, on <paramref name="urls"/>.</summary>
    public static async Task<ClientRun> RunTourAsync(Type entry, string folder, string urls, CancellationToken cancellationToken)
    {
        var dotnet = RealClient.Require("dotnet", "dotnet-sdk-10.0");
        return await RealClient.RunAsync(
            dotnet,
            [entry.Assembly.Location, "demo", "--contentRoot", SampleFolders.Of(folder), $"--urls={urls}", "--Admin:Urls=http://127.0.0.1:0"],
            TimeSpan.FromSeconds(120),
            cancellationToken: cancellationToken);
    }
}
