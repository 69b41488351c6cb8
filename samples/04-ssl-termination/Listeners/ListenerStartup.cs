using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Samples.Scaffolding;

namespace Samples.SslTermination;

/// <summary>
/// Puts the mutual-TLS address beside the "urls" ones just before Kestrel binds,
/// and reads the bound ports back just after. The mutual-TLS listener has its own
/// key (Tls:MutualTlsUrl) but goes into the same list, last, so that Kestrel still
/// binds every address from one place and a test can put all of them on port 0.
/// Whatever a handshake needs (the server certificate, the client and backend CAs)
/// is loaded first, so that a file that cannot be read stops start-up with one
/// line naming its key before anything listens.
/// As a hosted service it runs in the "starting" phase (before the server starts)
/// and the "started" one (after it has bound every address, before start-up
/// returns to anyone who could send a request).
/// </summary>
public sealed class ListenerStartup(IServer server, IConfiguration configuration, ListenerRoles roles, IServiceProvider services) : IHostedLifecycleService
{
    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ServerCertificateSource>();
        _ = services.GetRequiredService<ClientCaTrust>();
        _ = services.GetService<BackendCaTrust>();

        // The addresses Kestrel binds. The web host fills this list from "urls" only
        // while it is empty, so once the mutual-TLS address is in, "urls" goes in too.
        var addresses = server.Features.Get<IServerAddressesFeature>()!.Addresses;
        if (addresses.Count == 0)
        {
            var urls = configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty;
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                addresses.Add(url);
            }
        }

        if (!addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            throw StartupException.ForKey("urls", "needs at least one https:// address (plain http:// addresses only redirect to it)");
        }

        if (roles.MutualTlsUrl is { } mutualTls)
        {
            addresses.Add(mutualTls);
        }

        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken)
    {
        roles.Resolve([.. server.Features.Get<IServerAddressesFeature>()!.Addresses]);
        return Task.CompletedTask;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
