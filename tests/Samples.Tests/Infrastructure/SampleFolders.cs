namespace Samples.Tests.Infrastructure;

/// <summary>
/// Where the samples' source folders are. A test that runs a sample's dll as a
/// process passes its folder as --contentRoot, so the sample reads its own
/// appsettings.json (the test's output folder holds only one of the five).
/// </summary>
public static class SampleFolders
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Samples.sln not found above the test output folder");
    }

    /// <summary>The source folder of a sample, e.g. Of("05-ocelot-gateway").</summary>
    public static string Of(string folder) => Path.Combine(RepositoryRoot(), "samples", folder);
}
