using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samples.Scaffolding.Admin;
using Samples.Scaffolding.Admin.Metrics;
using Samples.Scaffolding.HopByHop;
using Yarp.ReverseProxy.Configuration;

namespace Samples.Scaffolding;

/// <summary>
/// The two calls a sample's Program.cs makes into the scaffolding: one to make
/// the builder, one to run the built app. Between them is the concept.
/// </summary>
public static class Sample
{
    private static int _reporting;

    /// <summary>
    /// <c>WebApplication.CreateBuilder(args)</c>, plus what every sample shares:
    /// the batched console log, and the "demo" word (first argument) that runs
    /// the scripted tour instead of the banner.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // A native (AOT) executable is always the program being run, and cannot ask for its caller.
        ReportStartupErrorsInOneLine(RuntimeFeature.IsDynamicCodeSupported ? Assembly.GetCallingAssembly() : Assembly.GetEntryAssembly());
        var tour = args.Length > 0 && string.Equals(args[0], "demo", StringComparison.OrdinalIgnoreCase);
        var builder = WebApplication.CreateBuilder(tour ? args[1..] : args);
        var mode = new SampleMode(tour);
        builder.Services.AddSingleton(mode);
        builder.Services.AddOptions<DemoBackendOptions>().Bind(builder.Configuration.GetSection(DemoBackendOptions.Section));

        // Headers named in Connection stop at the proxy, also beside close or keep-alive (HopByHop/).
        builder.AddConnectionHeaderRemoval();

        // The demo backends listen on ports the OS picks; YARP's destinations are pointed at them.
        builder.Services.AddSingleton<DemoDestinations>();
        builder.Services.AddSingleton<IProxyConfigFilter>(sp => sp.GetRequiredService<DemoDestinations>());

        // The console log (the access log included) is written in batches: cheap under load.
        // In the tour, which prints what happened step by step, it shows only warnings and the tour's own categories.
        builder.Logging.AddBatchedConsole();

        // Traces, metrics and logs over OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost sets it).
        builder.AddSampleTelemetry();

        // The admin address (Admin/): a separate loopback server, never the proxy's listener, with the
        // live request view at / (Admin/RequestView) and the metrics for Prometheus at /metrics (Admin/Metrics).
        builder.AddSampleAdmin();
        builder.AddAdminMetrics();
        builder.AddRequestView();

        return builder;
    }

    /// <summary>
    /// A mistake found while the app is being built (before RunSampleAsync) ends
    /// the process as one found at start does: one line, exit code 2 or 3. Only
    /// when the sample is the program being run: inside a test host, the test
    /// runner owns the process and its failures.
    /// </summary>
    private static void ReportStartupErrorsInOneLine(Assembly? sample)
    {
        if (Assembly.GetEntryAssembly() != sample || Interlocked.Exchange(ref _reporting, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception ex && StartupErrors.Describe(ex) is var (line, exitCode))
            {
                Console.Error.WriteLine(line);
                Console.Error.Flush();
                Environment.Exit(exitCode);
            }
        };
    }

    /// <summary>
    /// Starts the demo backends (unless DemoBackends:Enabled is false), starts
    /// the sample, then prints the banner and runs until Ctrl+C, or runs the
    /// tour and returns its exit code. Bad configuration and busy addresses end
    /// in one line on stderr and a non-zero exit code.
    /// </summary>
    public static async Task<int> RunSampleAsync(this WebApplication app, SampleDemo demo)
    {
        var mode = app.Services.GetRequiredService<SampleMode>();
        mode.TourCategories = demo.TourLogCategories;
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        IReadOnlyList<DemoBackend> backends = [];
        try
        {
            ListenAddresses.Validate(app.Configuration, demo.ExampleUrl);
            var backendsEnabled = app.Services.GetRequiredService<IOptions<DemoBackendOptions>>().Value.Enabled;
            if (mode.Tour && !backendsEnabled)
            {
                throw StartupException.ForKey("DemoBackends:Enabled", "the demo tour needs the demo backends; leave it true");
            }

            if (backendsEnabled)
            {
                backends = await demo.StartBackendsAsync(app, lifetime.ApplicationStopping);
                await app.Services.GetRequiredService<DemoDestinations>().ApplyAsync(app, backends, lifetime.ApplicationStopping);
            }

            await app.StartAsync();
            if (mode.Tour)
            {
                var exitCode = await demo.RunTourAsync(app, lifetime.ApplicationStopping);
                await app.StopAsync();
                return exitCode;
            }

            Banner.Print(demo.Title, demo.Concept, app.Urls, backends, demo.TryCommands(app, backendsEnabled), demo.Notes(app));
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception ex) when (StartupErrors.Describe(ex) is var (line, exitCode))
        {
            await Console.Error.WriteLineAsync(line);
            return exitCode;
        }
        finally
        {
            await demo.StopAsync();
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }

            await app.DisposeAsync();
        }
    }
}

/// <summary>Whether this run is the scripted tour, and which log lines it still shows.</summary>
public sealed class SampleMode(bool tour)
{
    public bool Tour { get; } = tour;

    /// <summary>Category prefixes whose lines the tour still shows below Warning (the demo's TourLogCategories).</summary>
    public IReadOnlyList<string> TourCategories { get; set; } = [];

    internal bool ShowsInTour(string? category) =>
        category is not null && TourCategories.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>The "DemoBackends" section: whether the embedded demo backends start.</summary>
public sealed class DemoBackendOptions
{
    public const string Section = "DemoBackends";

    /// <summary>false: the sample starts alone, to front backends you run yourself.</summary>
    public bool Enabled { get; set; } = true;
}
