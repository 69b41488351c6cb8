using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Samples.Scaffolding.Admin;

/// <summary>
/// The admin address: a second, tiny web app of its own (its own Kestrel, its
/// own endpoints), started and stopped with the sample. Because it is a
/// separate server, no request to the proxy's listener can ever reach it.
/// </summary>
public sealed class AdminServer(IOptions<AdminOptions> options, IServiceProvider sample, IEnumerable<IAdminEndpoints> endpoints) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the admin app really listens on (ports resolved), empty when off.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        foreach (var address in settings.Addresses)
        {
            app.Urls.Add(address);
        }

        app.UseRouting();
        foreach (var contribution in endpoints)
        {
            contribution.Map(app, sample);
        }

        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw StartupException.ForKey("Admin:Urls", $"cannot listen on {settings.Urls} ({ex.Message}); give a free port or set Admin:Enabled to false");
        }

        _app = app;
        Addresses = [.. app.Urls];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>Registration of the admin address (called once, by Sample.CreateBuilder).</summary>
public static class AdminExtensions
{
    public static WebApplicationBuilder AddSampleAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddSingleton<AdminServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
        return builder;
    }
}
