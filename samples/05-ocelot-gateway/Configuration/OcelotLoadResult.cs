using Samples.Scaffolding;

namespace Samples.OcelotGateway.Configuration;

/// <summary>One problem in an Ocelot file: where (its JSON path) and why.</summary>
public sealed record OcelotConfigError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>
/// What loading an Ocelot file gave: the model and its warnings, or the
/// errors. Start-up turns errors into a StartupException; a hot reload logs
/// them and keeps the last good configuration.
/// </summary>
public sealed record OcelotLoadResult(
    OcelotConfiguration? Configuration,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<OcelotConfigError> Errors,
    IReadOnlyList<string> Files)
{
    public bool Succeeded => Configuration is not null && Errors.Count == 0;

    /// <summary>The model, or a StartupException naming the first problem's JSON path and reason.</summary>
    public OcelotConfiguration GetOrThrow()
    {
        if (Succeeded)
        {
            return Configuration!;
        }

        var first = Errors.Count > 0 ? Errors[0] : new OcelotConfigError("$", "the file could not be read");
        var more = Errors.Count > 1 ? $" (and {Errors.Count - 1} more problem(s))" : string.Empty;
        var source = Files.Count > 0 ? $" in {string.Join(" + ", Files.Select(System.IO.Path.GetFileName))}" : string.Empty;
        throw StartupException.ForKey(first.Path, $"{first.Reason}{source}{more}");
    }
}
