using Microsoft.AspNetCore.Builder;

namespace Samples.Scaffolding;

/// <summary>
/// Everything a sample shows that is not its concept: the embedded demo
/// backends, the banner's commands and the scripted tour. Each sample has one,
/// in its Demo/ folder, and hands it to <see cref="Sample.RunSampleAsync"/>.
/// </summary>
public abstract class SampleDemo
{
    /// <summary>The banner's title, e.g. "02 reverse proxy".</summary>
    public abstract string Title { get; }

    /// <summary>One sentence under the title: what this sample shows.</summary>
    public abstract string Concept { get; }

    /// <summary>A listen address written as this sample's default, for the error a bad "urls" value gets.</summary>
    public abstract string ExampleUrl { get; }

    /// <summary>
    /// Logger categories (prefixes) whose information lines still show during the tour;
    /// every other category shows warnings and errors only, so the tour's story stays readable.
    /// </summary>
    public virtual IReadOnlyList<string> TourLogCategories => [];

    /// <summary>
    /// Starts the embedded demo backends, before the sample itself starts (so a
    /// demo may still add configuration the sample reads when it starts).
    /// Called only while DemoBackends:Enabled is true.
    /// </summary>
    public abstract Task<IReadOnlyList<DemoBackend>> StartBackendsAsync(WebApplication app, CancellationToken cancellationToken);

    /// <summary>Ready commands for the banner, for the addresses the sample really listens on.</summary>
    public abstract IEnumerable<string> TryCommands(WebApplication app, bool backendsRunning);

    /// <summary>Extra banner lines (paths to certificates, route lists, ...).</summary>
    public virtual IEnumerable<string> Notes(WebApplication app) => [];

    /// <summary>The scripted tour behind "dotnet run -- demo": its exit code is the process's.</summary>
    public abstract Task<int> RunTourAsync(WebApplication app, CancellationToken cancellationToken);

    /// <summary>Stops whatever the demo started besides its backends (they are stopped for it).</summary>
    public virtual ValueTask StopAsync() => ValueTask.CompletedTask;
}
