using Microsoft.Extensions.Hosting;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// In the scripted tour ("dotnet run -- demo"), says where to watch its requests
/// live, before the tour's first step: the admin server has started by then
/// (it is an earlier hosted service), the proxy's own listener not yet.
/// </summary>
internal sealed class TourAnnouncement(SampleMode mode, AdminServer admin) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.Tour && admin.Addresses is [var address, ..])
        {
            Console.Out.WriteLine($"Watch the tour's requests live: {address.TrimEnd('/')}/ (docs/live-view.md)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
