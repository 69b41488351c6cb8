namespace Samples.Bench;

/// <summary>How long and how hard to run; --smoke is one short round that only proves the script works.</summary>
public sealed record BenchOptions(bool Smoke, bool Aot, int Rounds, int Seconds, int Connections, IReadOnlySet<string>? Only, string RepoRoot, IReadOnlyList<string> SampleArguments, IReadOnlyDictionary<string, string> SampleEnvironment)
{
    public static BenchOptions? Parse(string[] args)
    {
        bool smoke = false, aot = false;
        int rounds = 3, seconds = 10, connections = 32;
        HashSet<string>? only = null;
        var sampleArguments = new List<string>();
        var sampleEnvironment = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--aot":
                    // Also the Native AOT build of every sample and of bare YARP (bench/run publishes them first).
                    aot = true;
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--connections" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c > 0:
                    connections = c;
                    i++;
                    break;
                case "--sample-arg" when i + 1 < args.Length:
                    // Extra configuration for every sample, e.g. --sample-arg --Logging:LogLevel:Default=Warning
                    sampleArguments.Add(args[i + 1]);
                    i++;
                    break;
                case "--sample-env" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) is > 0 and var eq:
                    // An environment variable for every sample, e.g. --sample-env DOTNET_gcServer=0
                    sampleEnvironment[args[i + 1][..eq]] = args[i + 1][(eq + 1)..];
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = [.. args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    i++;
                    break;
                default:
                    return null;
            }
        }

        if (smoke)
        {
            rounds = 1;
            seconds = 1;
        }

        return new BenchOptions(smoke, aot, rounds, seconds, connections, only, FindRepoRoot(), sampleArguments, sampleEnvironment);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
