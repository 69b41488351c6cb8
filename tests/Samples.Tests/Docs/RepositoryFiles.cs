namespace Samples.Tests.Docs;

/// <summary>
/// The repository's own files, read at test time (never copied into the build
/// output), so a check sees the docs exactly as a learner's clone has them.
/// </summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds Samples.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string PathOf(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Source files under <paramref name="relativeFolder"/>, without build output (bin/, obj/).</summary>
    public static IEnumerable<string> SourceFiles(string relativeFolder, string pattern) =>
        Directory.EnumerateFiles(PathOf(relativeFolder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    public static string Relative(string fullPath) =>
        Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        // The tests run from tests/Samples.Tests/bin/<configuration>/<tfm>/: walk up to the solution.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Samples.sln above {AppContext.BaseDirectory}");
    }
}
